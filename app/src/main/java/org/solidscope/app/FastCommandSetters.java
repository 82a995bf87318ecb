package org.solidscope.app;

// made by FastCommandsTest from fast-commands.tsv (mvn test -pl app -Dtest=FastCommandsTest -Dsolidscope.writeFastTable=true
// rewrites both); read by FastCommands

/**
 * Makes the commands of the fast command line and sets their fields without reflection: the first reflective
 * construction or field write of a JVM spins method handles, about 50 ms of a cold call. Values convert as
 * picocli's built-in converters convert them; a value that does not convert throws, and picocli takes the call.
 */
final class FastCommandSetters {
    private FastCommandSetters() {}

    /** A new command of the class, or null for a class the table does not have. */
    static Object create(String className) {
        return switch (className) {
            case "org.solidscope.app.AcousticsPlanCommand" -> new org.solidscope.app.AcousticsPlanCommand();
            case "org.solidscope.app.AcousticsSweepCommand" -> new org.solidscope.app.AcousticsSweepCommand();
            case "org.solidscope.app.AcousticsTransmissionCommand" -> new org.solidscope.app.AcousticsTransmissionCommand();
            case "org.solidscope.app.CtCommand$Gaussian" -> new org.solidscope.app.CtCommand.Gaussian();
            case "org.solidscope.app.CtCommand$Interface" -> new org.solidscope.app.CtCommand.Interface();
            case "org.solidscope.app.CtCommand$Label" -> new org.solidscope.app.CtCommand.Label();
            case "org.solidscope.app.CtCommand$Median" -> new org.solidscope.app.CtCommand.Median();
            case "org.solidscope.app.CtCommand$Open" -> new org.solidscope.app.CtCommand.Open();
            case "org.solidscope.app.CtCommand$Phantom" -> new org.solidscope.app.CtCommand.Phantom();
            case "org.solidscope.app.CtCommand$Threshold" -> new org.solidscope.app.CtCommand.Threshold();
            case "org.solidscope.app.CtReconstructCommand" -> new org.solidscope.app.CtReconstructCommand();
            case "org.solidscope.app.CtTortuosityCommand" -> new org.solidscope.app.CtTortuosityCommand();
            case "org.solidscope.app.CtVolumeChangeCommand" -> new org.solidscope.app.CtVolumeChangeCommand();
            case "org.solidscope.app.CyclingCommand$Ccd" -> new org.solidscope.app.CyclingCommand.Ccd();
            case "org.solidscope.app.CyclingCommand$Dqdv" -> new org.solidscope.app.CyclingCommand.Dqdv();
            case "org.solidscope.app.CyclingCommand$Rate" -> new org.solidscope.app.CyclingCommand.Rate();
            case "org.solidscope.app.CyclingCommand$Read" -> new org.solidscope.app.CyclingCommand.Read();
            case "org.solidscope.app.CyclingCommand$Report" -> new org.solidscope.app.CyclingCommand.Report();
            case "org.solidscope.app.CyclingCommand$Simulate" -> new org.solidscope.app.CyclingCommand.Simulate();
            case "org.solidscope.app.CyclingCommand$Summary" -> new org.solidscope.app.CyclingCommand.Summary();
            case "org.solidscope.app.CyclingCommand$Transference" -> new org.solidscope.app.CyclingCommand.Transference();
            case "org.solidscope.app.CyclingCommand$Window" -> new org.solidscope.app.CyclingCommand.Window();
            case "org.solidscope.app.EisCommand$Drt" -> new org.solidscope.app.EisCommand.Drt();
            case "org.solidscope.app.EisCommand$Fit" -> new org.solidscope.app.EisCommand.Fit();
            case "org.solidscope.app.EisCommand$Read" -> new org.solidscope.app.EisCommand.Read();
            case "org.solidscope.app.EisCommand$Simulate" -> new org.solidscope.app.EisCommand.Simulate();
            case "org.solidscope.app.UtAnalyzeCommand" -> new org.solidscope.app.UtAnalyzeCommand();
            case "org.solidscope.app.UtCompareCommand" -> new org.solidscope.app.UtCompareCommand();
            case "org.solidscope.app.UtGapMapCommand" -> new org.solidscope.app.UtGapMapCommand();
            case "org.solidscope.app.UtGateCommand" -> new org.solidscope.app.UtGateCommand();
            case "org.solidscope.app.UtSimulateCommand" -> new org.solidscope.app.UtSimulateCommand();
            case "org.solidscope.app.XcsCommand$Calibrate" -> new org.solidscope.app.XcsCommand.Calibrate();
            case "org.solidscope.app.XcsCommand$Simulate" -> new org.solidscope.app.XcsCommand.Simulate();
            default -> null;
        };
    }

    /** Sets field {@code field} of a command made by {@link #create} to {@code text} converted; false for a field the table does not have. */
    static boolean set(Object command, String field, String text) {
        switch (command.getClass().getName()) {
            case "org.solidscope.app.AcousticsPlanCommand" -> {
                org.solidscope.app.AcousticsPlanCommand c = (org.solidscope.app.AcousticsPlanCommand) command;
                switch (field) {
                    case "contrastDb" -> c.contrastDb = Double.parseDouble(text);
                    case "fluid" -> c.fluid = Double.parseDouble(text);
                    case "frequencyMHz" -> c.frequencyMHz = Double.parseDouble(text);
                    case "gainDb" -> c.gainDb = Double.parseDouble(text);
                    case "gapUm" -> c.gapUm = Double.valueOf(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "noise" -> c.noise = Double.parseDouble(text);
                    case "snrDb" -> c.snrDb = Double.parseDouble(text);
                    case "stackFile" -> c.stackFile = java.nio.file.Path.of(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.AcousticsSweepCommand" -> {
                org.solidscope.app.AcousticsSweepCommand c = (org.solidscope.app.AcousticsSweepCommand) command;
                switch (field) {
                    case "frequencyMHz" -> c.frequencyMHz = Double.parseDouble(text);
                    case "from" -> c.from = Double.parseDouble(text);
                    case "gapUm" -> c.gapUm = Double.parseDouble(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "over" -> c.over = text;
                    case "plot" -> c.plot = java.nio.file.Path.of(text);
                    case "points" -> c.points = Integer.parseInt(text);
                    case "stackFile" -> c.stackFile = java.nio.file.Path.of(text);
                    case "to" -> c.to = Double.parseDouble(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.AcousticsTransmissionCommand" -> {
                org.solidscope.app.AcousticsTransmissionCommand c = (org.solidscope.app.AcousticsTransmissionCommand) command;
                switch (field) {
                    case "frequencyMHz" -> c.frequencyMHz = Double.parseDouble(text);
                    case "gapUm" -> c.gapUm = Double.parseDouble(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "pulse" -> c.pulse = FastCommands.bool(text);
                    case "stackFile" -> c.stackFile = java.nio.file.Path.of(text);
                    case "state" -> c.state = text;
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CtCommand$Gaussian" -> {
                org.solidscope.app.CtCommand.Gaussian c = (org.solidscope.app.CtCommand.Gaussian) command;
                switch (field) {
                    case "in" -> c.in = text;
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "repeat" -> c.repeat = Integer.parseInt(text);
                    case "sigma" -> c.sigma = Double.parseDouble(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CtCommand$Interface" -> {
                org.solidscope.app.CtCommand.Interface c = (org.solidscope.app.CtCommand.Interface) command;
                switch (field) {
                    case "in" -> c.in = text;
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "phaseValue" -> c.phaseValue = Integer.valueOf(text);
                    case "voxelUm" -> c.voxelUm = Double.valueOf(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CtCommand$Label" -> {
                org.solidscope.app.CtCommand.Label c = (org.solidscope.app.CtCommand.Label) command;
                switch (field) {
                    case "components" -> c.components = java.nio.file.Path.of(text);
                    case "connectivity" -> c.connectivity = Integer.parseInt(text);
                    case "in" -> c.in = text;
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "repeat" -> c.repeat = Integer.parseInt(text);
                    case "voxelUm" -> c.voxelUm = Double.valueOf(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CtCommand$Median" -> {
                org.solidscope.app.CtCommand.Median c = (org.solidscope.app.CtCommand.Median) command;
                switch (field) {
                    case "ball" -> c.ball = Integer.valueOf(text);
                    case "cube" -> c.cube = Integer.valueOf(text);
                    case "in" -> c.in = text;
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "repeat" -> c.repeat = Integer.parseInt(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CtCommand$Open" -> {
                org.solidscope.app.CtCommand.Open c = (org.solidscope.app.CtCommand.Open) command;
                switch (field) {
                    case "ball" -> c.ball = Integer.valueOf(text);
                    case "cube" -> c.cube = Integer.valueOf(text);
                    case "in" -> c.in = text;
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "repeat" -> c.repeat = Integer.parseInt(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CtCommand$Phantom" -> {
                org.solidscope.app.CtCommand.Phantom c = (org.solidscope.app.CtCommand.Phantom) command;
                switch (field) {
                    case "amplitude" -> c.amplitude = Double.parseDouble(text);
                    case "dendrites" -> c.dendrites = Integer.parseInt(text);
                    case "kind" -> c.kind = text;
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "porosity" -> c.porosity = Double.parseDouble(text);
                    case "seed" -> c.seed = Long.parseLong(text);
                    case "size" -> c.size = Integer.parseInt(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CtCommand$Threshold" -> {
                org.solidscope.app.CtCommand.Threshold c = (org.solidscope.app.CtCommand.Threshold) command;
                switch (field) {
                    case "classes" -> c.classes = Integer.parseInt(text);
                    case "in" -> c.in = text;
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "method" -> c.method = text;
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CtReconstructCommand" -> {
                org.solidscope.app.CtReconstructCommand c = (org.solidscope.app.CtReconstructCommand) command;
                switch (field) {
                    case "blockRows" -> c.blockRows = Integer.valueOf(text);
                    case "centre" -> c.centre = text;
                    case "dark" -> c.dark = text;
                    case "filter" -> c.filter = text;
                    case "flat" -> c.flat = text;
                    case "in" -> c.in = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "rangeGiven" -> c.rangeGiven = Double.valueOf(text);
                    case "repeat" -> c.repeat = Integer.parseInt(text);
                    case "ring" -> c.ring = text;
                    case "ringSigma" -> c.ringSigma = Double.parseDouble(text);
                    case "ringSize" -> c.ringSize = Integer.parseInt(text);
                    case "size" -> c.size = Integer.valueOf(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CtTortuosityCommand" -> {
                org.solidscope.app.CtTortuosityCommand c = (org.solidscope.app.CtTortuosityCommand) command;
                switch (field) {
                    case "axis" -> c.axis = text;
                    case "diffusivity" -> c.diffusivity = Double.parseDouble(text);
                    case "fluxOut" -> c.fluxOut = java.nio.file.Path.of(text);
                    case "in" -> c.in = text;
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "maxIterations" -> c.maxIterations = Integer.parseInt(text);
                    case "phaseValue" -> c.phaseValue = Integer.valueOf(text);
                    case "spread" -> c.spread = Double.parseDouble(text);
                    case "tauChange" -> c.tauChange = Double.parseDouble(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CtVolumeChangeCommand" -> {
                org.solidscope.app.CtVolumeChangeCommand c = (org.solidscope.app.CtVolumeChangeCommand) command;
                switch (field) {
                    case "after" -> c.after = text;
                    case "before" -> c.before = text;
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "maskAfter" -> c.maskAfter = text;
                    case "maskBefore" -> c.maskBefore = text;
                    case "maxShift" -> c.maxShift = Integer.parseInt(text);
                    case "phaseValue" -> c.phaseValue = Integer.valueOf(text);
                    case "voxelUm" -> c.voxelUm = Double.valueOf(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CyclingCommand$Ccd" -> {
                org.solidscope.app.CyclingCommand.Ccd c = (org.solidscope.app.CyclingCommand.Ccd) command;
                switch (field) {
                    case "areaCm2" -> c.areaCm2 = Double.parseDouble(text);
                    case "collapse" -> c.collapse = Double.parseDouble(text);
                    case "columns" -> c.columns = text;
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CyclingCommand$Dqdv" -> {
                org.solidscope.app.CyclingCommand.Dqdv c = (org.solidscope.app.CyclingCommand.Dqdv) command;
                switch (field) {
                    case "binMv" -> c.binMv = Double.parseDouble(text);
                    case "columns" -> c.columns = text;
                    case "dvdqPlot" -> c.dvdqPlot = java.nio.file.Path.of(text);
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "plot" -> c.plot = java.nio.file.Path.of(text);
                    case "trackMv" -> c.trackMv = Double.parseDouble(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CyclingCommand$Rate" -> {
                org.solidscope.app.CyclingCommand.Rate c = (org.solidscope.app.CyclingCommand.Rate) command;
                switch (field) {
                    case "columns" -> c.columns = text;
                    case "csv" -> c.csv = java.nio.file.Path.of(text);
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "massMg" -> c.massMg = Double.valueOf(text);
                    case "oneCMa" -> c.oneCMa = Double.valueOf(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CyclingCommand$Read" -> {
                org.solidscope.app.CyclingCommand.Read c = (org.solidscope.app.CyclingCommand.Read) command;
                switch (field) {
                    case "columns" -> c.columns = text;
                    case "csv" -> c.csv = java.nio.file.Path.of(text);
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CyclingCommand$Report" -> {
                org.solidscope.app.CyclingCommand.Report c = (org.solidscope.app.CyclingCommand.Report) command;
                switch (field) {
                    case "areaCm2" -> c.areaCm2 = Double.parseDouble(text);
                    case "columns" -> c.columns = text;
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "massMg" -> c.massMg = Double.valueOf(text);
                    case "oneCMa" -> c.oneCMa = Double.valueOf(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "run" -> c.run = text;
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CyclingCommand$Simulate" -> {
                org.solidscope.app.CyclingCommand.Simulate c = (org.solidscope.app.CyclingCommand.Simulate) command;
                switch (field) {
                    case "noiseMv" -> c.noiseMv = Double.parseDouble(text);
                    case "onsetV" -> c.onsetV = Double.valueOf(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "preset" -> c.preset = text;
                    case "rows" -> c.rows = Long.valueOf(text);
                    case "seed" -> c.seed = Long.parseLong(text);
                    case "shortAt" -> c.shortAt = Double.parseDouble(text);
                    case "soft" -> c.soft = FastCommands.bool(text);
                    case "tPlus" -> c.tPlus = Double.parseDouble(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CyclingCommand$Summary" -> {
                org.solidscope.app.CyclingCommand.Summary c = (org.solidscope.app.CyclingCommand.Summary) command;
                switch (field) {
                    case "areaCm2" -> c.areaCm2 = Double.valueOf(text);
                    case "columns" -> c.columns = text;
                    case "csv" -> c.csv = java.nio.file.Path.of(text);
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "massMg" -> c.massMg = Double.valueOf(text);
                    case "restMa" -> c.restMa = Double.parseDouble(text);
                    case "thicknessUm" -> c.thicknessUm = Double.valueOf(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CyclingCommand$Transference" -> {
                org.solidscope.app.CyclingCommand.Transference c = (org.solidscope.app.CyclingCommand.Transference) command;
                switch (field) {
                    case "after" -> c.after = java.nio.file.Path.of(text);
                    case "before" -> c.before = java.nio.file.Path.of(text);
                    case "circuit" -> c.circuit = text;
                    case "columns" -> c.columns = text;
                    case "deltaMv" -> c.deltaMv = Double.valueOf(text);
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.CyclingCommand$Window" -> {
                org.solidscope.app.CyclingCommand.Window c = (org.solidscope.app.CyclingCommand.Window) command;
                switch (field) {
                    case "areaCm2" -> c.areaCm2 = Double.parseDouble(text);
                    case "columns" -> c.columns = text;
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "onset" -> c.onset = Double.parseDouble(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.EisCommand$Drt" -> {
                org.solidscope.app.EisCommand.Drt c = (org.solidscope.app.EisCommand.Drt) command;
                switch (field) {
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "lambda" -> c.lambda = Double.valueOf(text);
                    case "noInductance" -> c.noInductance = FastCommands.bool(text);
                    case "plot" -> c.plot = java.nio.file.Path.of(text);
                    case "settings" -> c.settings = text;
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.EisCommand$Fit" -> {
                org.solidscope.app.EisCommand.Fit c = (org.solidscope.app.EisCommand.Fit) command;
                switch (field) {
                    case "circuit" -> c.circuit = text;
                    case "dropInductive" -> c.dropInductive = FastCommands.bool(text);
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "fixedText" -> c.fixedText = text;
                    case "initial" -> c.initial = text;
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "plot" -> c.plot = java.nio.file.Path.of(text);
                    case "report" -> c.report = java.nio.file.Path.of(text);
                    case "seed" -> c.seed = Long.parseLong(text);
                    case "starts" -> c.starts = Integer.parseInt(text);
                    case "weighting" -> c.weighting = text;
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.EisCommand$Read" -> {
                org.solidscope.app.EisCommand.Read c = (org.solidscope.app.EisCommand.Read) command;
                switch (field) {
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.EisCommand$Simulate" -> {
                org.solidscope.app.EisCommand.Simulate c = (org.solidscope.app.EisCommand.Simulate) command;
                switch (field) {
                    case "cell" -> c.cell = text;
                    case "circuit" -> c.circuit = text;
                    case "fromHz" -> c.fromHz = Double.parseDouble(text);
                    case "noise" -> c.noise = Double.parseDouble(text);
                    case "operando" -> c.operando = java.nio.file.Path.of(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "parameters" -> c.parameters = text;
                    case "ppd" -> c.ppd = Integer.parseInt(text);
                    case "repeats" -> c.repeats = Integer.parseInt(text);
                    case "seed" -> c.seed = Long.parseLong(text);
                    case "toHz" -> c.toHz = Double.parseDouble(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.UtAnalyzeCommand" -> {
                org.solidscope.app.UtAnalyzeCommand c = (org.solidscope.app.UtAnalyzeCommand) command;
                switch (field) {
                    case "file" -> c.file = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "levels" -> c.levels = java.nio.file.Path.of(text);
                    case "report" -> c.report = java.nio.file.Path.of(text);
                    case "specFile" -> c.specFile = java.nio.file.Path.of(text);
                    case "stage" -> c.stage = text;
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.UtCompareCommand" -> {
                org.solidscope.app.UtCompareCommand c = (org.solidscope.app.UtCompareCommand) command;
                switch (field) {
                    case "cellId" -> c.cellId = text;
                    case "degreeMap" -> c.degreeMap = java.nio.file.Path.of(text);
                    case "formed" -> c.formed = java.nio.file.Path.of(text);
                    case "infiltrated" -> c.infiltrated = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "recoveryMap" -> c.recoveryMap = java.nio.file.Path.of(text);
                    case "report" -> c.report = java.nio.file.Path.of(text);
                    case "solidified" -> c.solidified = java.nio.file.Path.of(text);
                    case "specFile" -> c.specFile = java.nio.file.Path.of(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.UtGapMapCommand" -> {
                org.solidscope.app.UtGapMapCommand c = (org.solidscope.app.UtGapMapCommand) command;
                switch (field) {
                    case "bounds" -> c.bounds = java.nio.file.Path.of(text);
                    case "figure" -> c.figure = java.nio.file.Path.of(text);
                    case "frequencyMHz" -> c.frequencyMHz = Double.parseDouble(text);
                    case "infiltrated" -> c.infiltrated = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "later" -> c.later = java.nio.file.Path.of(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "relativeUncertainty" -> c.relativeUncertainty = Double.parseDouble(text);
                    case "snrDb" -> c.snrDb = Double.parseDouble(text);
                    case "specFile" -> c.specFile = java.nio.file.Path.of(text);
                    case "stackFile" -> c.stackFile = java.nio.file.Path.of(text);
                    case "stage" -> c.stage = text;
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.UtGateCommand" -> {
                org.solidscope.app.UtGateCommand c = (org.solidscope.app.UtGateCommand) command;
                switch (field) {
                    case "gate" -> c.gate = text;
                    case "in" -> c.in = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "p2p" -> c.p2p = java.nio.file.Path.of(text);
                    case "sampleRateMHz" -> c.sampleRateMHz = Double.valueOf(text);
                    case "tof" -> c.tof = java.nio.file.Path.of(text);
                    case "tofThreshold" -> c.tofThreshold = Double.parseDouble(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.UtSimulateCommand" -> {
                org.solidscope.app.UtSimulateCommand c = (org.solidscope.app.UtSimulateCommand) command;
                switch (field) {
                    case "ascan" -> c.ascan = FastCommands.bool(text);
                    case "cell" -> c.cell = text;
                    case "format" -> c.format = text;
                    case "gainDb" -> c.gainDb = Double.parseDouble(text);
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "random" -> c.random = Integer.valueOf(text);
                    case "seed" -> c.seed = Long.parseLong(text);
                    case "stage" -> c.stage = text;
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.XcsCommand$Calibrate" -> {
                org.solidscope.app.XcsCommand.Calibrate c = (org.solidscope.app.XcsCommand.Calibrate) command;
                switch (field) {
                    case "aduBin" -> c.aduBin = Double.parseDouble(text);
                    case "darkFrames" -> c.darkFrames = Long.valueOf(text);
                    case "fwhmOut" -> c.fwhmOut = java.nio.file.Path.of(text);
                    case "gradientOut" -> c.gradientOut = java.nio.file.Path.of(text);
                    case "input" -> c.input = java.nio.file.Path.of(text);
                    case "interceptOut" -> c.interceptOut = java.nio.file.Path.of(text);
                    case "json" -> c.json = java.nio.file.Path.of(text);
                    case "maxAdu" -> c.maxAdu = Integer.parseInt(text);
                    case "minPeakCounts" -> c.minPeakCounts = Double.parseDouble(text);
                    case "source" -> c.source = text;
                    case "thresholdSigma" -> c.thresholdSigma = Double.parseDouble(text);
                    default -> {
                        return false;
                    }
                }
            }
            case "org.solidscope.app.XcsCommand$Simulate" -> {
                org.solidscope.app.XcsCommand.Simulate c = (org.solidscope.app.XcsCommand.Simulate) command;
                switch (field) {
                    case "as" -> c.as = text;
                    case "cathodeX" -> c.cathodeX = Double.valueOf(text);
                    case "cellId" -> c.cellId = text;
                    case "cols" -> c.cols = Integer.parseInt(text);
                    case "counts" -> c.counts = Double.parseDouble(text);
                    case "darkFrames" -> c.darkFrames = Integer.parseInt(text);
                    case "frames" -> c.frames = Long.parseLong(text);
                    case "kind" -> c.kind = text;
                    case "out" -> c.out = java.nio.file.Path.of(text);
                    case "photons" -> c.photons = Double.parseDouble(text);
                    case "photonsPerFrame" -> c.photonsPerFrame = Double.parseDouble(text);
                    case "rows" -> c.rows = Integer.parseInt(text);
                    case "seed" -> c.seed = Long.parseLong(text);
                    case "sizeGb" -> c.sizeGb = Double.valueOf(text);
                    case "state" -> c.state = text;
                    case "states" -> c.states = text;
                    default -> {
                        return false;
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
