package org.solidscope.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.echem.cycling.CycleSummary;
import org.solidscope.echem.cycling.CyclerFiles;
import org.solidscope.echem.cycling.CyclingSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Cycler files: per-cycle capacities, energies and efficiencies, ohmic drops; simulated runs with their truth. */
@Command(name = "cycling", mixinStandardHelpOptions = true,
        description = "Galvanostatic cycling: cycler files (Arbin, Maccor, Neware, BioLogic, mapped CSV) summarised per cycle, streamed; simulated runs.",
        subcommands = {CyclingCommand.Read.class, CyclingCommand.Summary.class, CyclingCommand.Rate.class, CyclingCommand.Report.class, CyclingCommand.Dqdv.class, CyclingCommand.Ccd.class, CyclingCommand.Window.class, CyclingCommand.Transference.class, CyclingCommand.Simulate.class},
        footer = {"", "Examples:",
                "  solidscope cycling simulate --preset seed004-rate --out rate.csv",
                "  solidscope cycling read rate.csv",
                "  solidscope cycling summary rate.csv --active-mass-mg 19.32 --area-cm2 1 --json rate.json --csv cycles.csv",
                "  solidscope cycling rate rate.csv --one-c-ma 4.286 --active-mass-mg 19.32",
                "  solidscope cycling dqdv rate.csv --json dqdv.json --plot dqdv.png",
                "  solidscope cycling report rate.csv --active-mass-mg 19.32 --one-c-ma 4.286 --out rate.html",
                "  solidscope cycling simulate --preset ccd --out ccd.csv && solidscope cycling ccd ccd.csv --area-cm2 1",
                "  solidscope cycling simulate --preset cv --out cv.csv && solidscope cycling window cv.csv --area-cm2 1",
                "  solidscope cycling simulate --preset polarisation --t-plus 0.3 --out pol.csv",
                "  solidscope cycling transference pol.csv --eis-before pol.before.csv --eis-after pol.after.csv"})
final class CyclingCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Main.out());
    }

    /** What the run is, in words: open circuit, galvanostatic, potentiostatic, swept or mixed. */
    static String runKind(CycleSummary.Result r) {
        return r.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** An optional option that must be a finite number > 0 when given; the refusal names the option. */
    static void positive(String option, Double value) {
        if (value != null) InputException.requirePositive(option, option.substring(2).replace('-', '_'), value);
    }

    @Command(name = "summary", mixinStandardHelpOptions = true, description = "Per cycle: capacities (mAh, mAh/g, mAh/cm², mAh/cm³), energies, efficiencies, average voltages, retention; ohmic drops per rate.")
    static final class Summary implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--columns", description = "explicit mapping, e.g. time=t [h],voltage=U,current=I[mA] (also cycle=, step=)") String columns;
        @Option(names = "--active-mass-mg", description = "active material for mAh/g") Double massMg;
        @Option(names = "--area-cm2", description = "electrode area for mAh/cm²") Double areaCm2;
        @Option(names = "--thickness-um", description = "electrode thickness for mAh/cm³ (with --area-cm2)") Double thicknessUm;
        @Option(names = "--rest-current-ma", defaultValue = "1e-6", description = "|I| up to this is rest (default ${DEFAULT-VALUE} mA)") double restMa;
        @Option(names = "--json", description = "cycles, ohmic drops, elapsed_ms") Path json;
        @Option(names = "--csv", description = "one row per cycle") Path csv;

        @Override
        public Integer call() {
            positive("--active-mass-mg", massMg);
            positive("--area-cm2", areaCm2);
            positive("--thickness-um", thicknessUm);
            if (thicknessUm != null && areaCm2 == null) throw new InputException("--thickness-um", "area", "--area-cm2 as well (volume = area × thickness)", "none");
            if (!(restMa >= 0)) throw new InputException("--rest-current-ma", "rest current", "a number ≥ 0", String.valueOf(restMa));
            CyclerFiles.Summary s = CyclerFiles.summarise(file, columns, restMa * 1e-3);
            List<CycleSummary.Cycle> cycles = s.result().cycles();
            Main.out().printf("%s (%s, %s): %,d rows, %s in %.0f ms%n", file, s.vendor(), runKind(s.result()), s.result().rows(),
                    cycles.isEmpty() ? "no cycles" : cycles.size() + " cycles", s.elapsedMs());
            for (String w : s.result().warnings()) Main.out().println("warning: " + w);
            Main.out().printf("%6s %12s %12s %8s %10s %10s%s%n", "cycle", "charge mAh", "disch. mAh", "CE", "E_d mWh", "V_d avg", massMg != null ? "   mAh/g" : "");
            int shown = 0;
            for (CycleSummary.Cycle c : cycles) {
                if (cycles.size() > 20 && shown >= 10 && c != cycles.get(cycles.size() - 1)) { if (shown++ == 10) Main.out().println("   …"); continue; }
                shown++;
                Main.out().printf("%6d %12.5g %12.5g %8.5f %10.5g %10.4f%s%n", c.cycle(), c.chargeCapacityMah(), c.dischargeCapacityMah(), c.coulombicEfficiency(),
                        c.dischargeEnergyMwh(), c.averageDischargeVoltageV(), massMg != null ? String.format(" %8.2f", c.dischargeCapacityMah() / massMg * 1000) : "");
            }
            Map<Long, double[]> byCurrent = new java.util.TreeMap<>();
            for (CycleSummary.OhmicDrop d : s.result().ohmicDrops()) {
                double[] acc = byCurrent.computeIfAbsent(Math.round(Math.abs(d.currentA()) * 1e9), k -> new double[2]);
                acc[0] += d.dropMv();
                acc[1]++;
            }
            for (var e : byCurrent.entrySet()) {
                Main.out().printf("ohmic drop at %.4g mA: %.2f mV (mean of %d steps), %.2f Ohm%n", e.getKey() / 1e6, e.getValue()[0] / e.getValue()[1], (int) e.getValue()[1],
                        e.getValue()[0] / e.getValue()[1] / 1000 / (e.getKey() / 1e9));
            }
            if (json != null || csv != null) {
                List<Map<String, Object>> rows = new ArrayList<>();
                StringBuilder t = new StringBuilder("cycle,charge_capacity_mah,discharge_capacity_mah,coulombic_efficiency,charge_energy_mwh,discharge_energy_mwh,"
                        + "energy_efficiency,average_charge_voltage_v,average_discharge_voltage_v,discharge_capacity_mah_g,discharge_capacity_mah_cm2,discharge_capacity_mah_cm3,retention\n");
                double first = cycles.isEmpty() ? Double.NaN : cycles.get(0).dischargeCapacityMah();
                for (CycleSummary.Cycle c : cycles) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("cycle", c.cycle());
                    m.put("charge_capacity_mah", c.chargeCapacityMah());
                    m.put("discharge_capacity_mah", c.dischargeCapacityMah());
                    m.put("coulombic_efficiency", c.coulombicEfficiency());
                    m.put("charge_energy_mwh", c.chargeEnergyMwh());
                    m.put("discharge_energy_mwh", c.dischargeEnergyMwh());
                    m.put("energy_efficiency", c.energyEfficiency());
                    m.put("average_charge_voltage_v", c.averageChargeVoltageV());
                    m.put("average_discharge_voltage_v", c.averageDischargeVoltageV());
                    m.put("charge_current_a", c.chargeCurrentA());
                    m.put("discharge_current_a", c.dischargeCurrentA());
                    double g = massMg == null ? Double.NaN : c.dischargeCapacityMah() / massMg * 1000;
                    double cm2 = areaCm2 == null ? Double.NaN : c.dischargeCapacityMah() / areaCm2;
                    double cm3 = thicknessUm == null ? Double.NaN : cm2 / (thicknessUm * 1e-4);
                    m.put("discharge_capacity_mah_g", g);
                    m.put("discharge_capacity_mah_cm2", cm2);
                    m.put("discharge_capacity_mah_cm3", cm3);
                    m.put("retention", c.dischargeCapacityMah() / first);
                    m.put("instrument_charge_capacity_mah", c.instrumentChargeCapacityMah());
                    m.put("instrument_discharge_capacity_mah", c.instrumentDischargeCapacityMah());
                    rows.add(m); // a number a cycle does not have is written null (Json)
                    t.append(c.cycle()).append(',').append(c.chargeCapacityMah()).append(',').append(c.dischargeCapacityMah()).append(',').append(c.coulombicEfficiency())
                            .append(',').append(c.chargeEnergyMwh()).append(',').append(c.dischargeEnergyMwh()).append(',').append(c.energyEfficiency()).append(',')
                            .append(c.averageChargeVoltageV()).append(',').append(c.averageDischargeVoltageV()).append(',').append(g).append(',').append(cm2).append(',')
                            .append(cm3).append(',').append(c.dischargeCapacityMah() / first).append('\n');
                }
                if (csv != null) AtomicOutput.writeString(csv, t.toString());
                if (json != null) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("file", file.toString());
                    doc.put("format", s.vendor());
                    doc.put("run", runKind(s.result()));
                    doc.put("rows", s.result().rows());
                    doc.put("warnings", s.result().warnings());
                    doc.put("cycles", rows);
                    doc.put("ohmic_drops", s.result().ohmicDrops());
                    doc.put("steps", s.result().steps());
                    doc.put("elapsed_ms", s.elapsedMs());
                    AtomicOutput.writeString(json, Json.writeSnake(doc));
                }
            }
            return 0;
        }
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "What a cycler file is: its format, the columns found, rows, time span, cycles and steps; --csv writes its rows as time_s,voltage_v,current_a.")
    static final class Read implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--columns", description = "explicit column mapping (see summary)") String columns;
        @Option(names = "--csv", description = "the rows, normalised: time_s,voltage_v,current_a") Path csv;
        @Option(names = "--json", description = "format, rows, time span, voltage and current ranges, cycles, steps") Path json;

        @Override
        public Integer call() {
            // one pass: the summary, and the rows written as they stream by (a file of gigabytes never held whole)
            CycleSummary sum = new CycleSummary(file.toString(), 1e-9);
            String[] vendor = new String[1];
            long t0ns = System.nanoTime();
            if (csv == null) {
                vendor[0] = CyclerFiles.stream(file, columns, sum::row);
            } else {
                AtomicOutput.write(csv, tmp -> {
                    try (var w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(java.nio.file.Files.newOutputStream(tmp), java.nio.charset.StandardCharsets.US_ASCII), 1 << 20)) {
                        w.write("time_s,voltage_v,current_a\n");
                        vendor[0] = CyclerFiles.stream(file, columns, (t, v, i, c, qc, qd, where) -> {
                            sum.row(t, v, i, c, qc, qd, where);
                            try {
                                w.write(Double.toString(t)); w.write(','); w.write(Double.toString(v)); w.write(','); w.write(Double.toString(i)); w.write('\n');
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
            CyclerFiles.Summary s = new CyclerFiles.Summary(vendor[0], sum.finish(), (System.nanoTime() - t0ns) / 1e6);
            var steps = s.result().steps();
            double t0 = steps.get(0).startTimeS(), t1 = steps.get(steps.size() - 1).startTimeS() + steps.get(steps.size() - 1).durationS();
            Main.out().printf("%s: %s, %s, %,d rows over %.6g h, %d cycles, %d steps (%d charge, %d discharge, %d rest)%n", file, s.vendor(),
                    runKind(s.result()), s.result().rows(),
                    (t1 - t0) / 3600, s.result().cycles().size(), steps.size(), count(steps, CycleSummary.Kind.CHARGE), count(steps, CycleSummary.Kind.DISCHARGE),
                    count(steps, CycleSummary.Kind.REST));
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", file.toString());
                m.put("format", s.vendor());
                m.put("run", runKind(s.result()));
                m.put("rows", s.result().rows());
                m.put("warnings", s.result().warnings());
                m.put("start_s", t0);
                m.put("end_s", t1);
                m.put("cycles", s.result().cycles().size());
                m.put("steps", steps);
                m.put("elapsed_ms", s.elapsedMs());
                AtomicOutput.writeString(json, Json.writeSnake(m));
            }
            return 0;
        }

        private static long count(List<CycleSummary.Step> steps, CycleSummary.Kind k) {
            return steps.stream().filter(x -> x.kind() == k).count();
        }
    }

    @Command(name = "rate", mixinStandardHelpOptions = true,
            description = "Rate capability: cycles grouped by discharge current; per rate the C-rate, mean discharge capacity (mAh, mAh/g), share of the lowest rate's, ohmic drop.")
    static final class Rate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--columns", description = "explicit column mapping (see summary)") String columns;
        @Option(names = "--one-c-ma", description = "the 1 C current (default: the lowest rate's capacity per hour)") Double oneCMa;
        @Option(names = "--active-mass-mg", description = "active material for mAh/g") Double massMg;
        @Option(names = "--json", description = "c_rate_basis and rates") Path json;
        @Option(names = "--csv", description = "one row per rate") Path csv;

        @Override
        public Integer call() {
            positive("--one-c-ma", oneCMa);
            positive("--active-mass-mg", massMg);
            CyclerFiles.Summary s = CyclerFiles.summarise(file, columns, 1e-9);
            var t = org.solidscope.echem.cycling.RateTable.of(s.result(), oneCMa == null ? Double.NaN : oneCMa, massMg == null ? Double.NaN : massMg);
            if (t.rates().isEmpty()) throw new InputException(file.toString(), "current", "cycles with a discharge", "none");
            Main.out().printf("%s: %d rates (C-rate against %s)%n", file, t.rates().size(), t.cRateBasis());
            Main.out().printf("%8s %10s %8s %7s %12s %9s %9s %10s%n", "C-rate", "I mA", "cycles", "first", "disch. mAh", "mAh/g", "vs lowest", "drop mV");
            StringBuilder c = new StringBuilder("c_rate,discharge_current_ma,first_cycle,cycles,discharge_capacity_mah,discharge_capacity_mah_g,relative_to_lowest,ohmic_drop_mv,resistance_ohm\n");
            for (var r : t.rates()) {
                Main.out().printf("%8.3g %10.4g %8d %7d %12.5g %9.2f %9.4f %10.2f%n", r.cRate(), r.dischargeCurrentMa(), r.cycles(), r.firstCycle(), r.dischargeCapacityMah(),
                        r.dischargeCapacityMahG(), r.relativeToLowest(), r.ohmicDropMv());
                c.append(r.cRate()).append(',').append(r.dischargeCurrentMa()).append(',').append(r.firstCycle()).append(',').append(r.cycles()).append(',')
                        .append(r.dischargeCapacityMah()).append(',').append(r.dischargeCapacityMahG()).append(',').append(r.relativeToLowest()).append(',')
                        .append(r.ohmicDropMv()).append(',').append(r.resistanceOhm()).append('\n');
            }
            if (csv != null) AtomicOutput.writeString(csv, c.toString());
            if (json != null) AtomicOutput.writeString(json, Json.writeSnake(Map.of("file", file.toString(), "c_rate_basis", t.cRateBasis(), "rates", t.rates(),
                    "elapsed_ms", s.elapsedMs())));
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "An HTML report of a run: cycling (capacity and CE per cycle, V–Q curves by cycle, dQ/dV, rate table, per-cycle table), "
                    + "a CCD run (voltage with the short marked) or a voltammogram (onset marked); the kind from --run or from the data.")
    static final class Report implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--out", required = true, description = "the HTML file") Path out;
        @Option(names = "--run", description = "cycling, ccd or cv (default: told from the data: |V| < 1.5 V is a symmetric cell, one sweep rate a voltammogram)") String run;
        @Option(names = "--columns", description = "explicit column mapping (see summary)") String columns;
        @Option(names = "--active-mass-mg", description = "active material for mAh/g") Double massMg;
        @Option(names = "--one-c-ma", description = "the 1 C current for the rate table") Double oneCMa;
        @Option(names = "--area-cm2", defaultValue = "1", description = "electrode area for CCD and window (default ${DEFAULT-VALUE})") double areaCm2;

        @Override
        public Integer call() {
            positive("--active-mass-mg", massMg);
            positive("--one-c-ma", oneCMa);
            positive("--area-cm2", areaCm2);
            var sum = new CycleSummary(file.toString(), 1e-9);
            var curve = new org.solidscope.echem.cycling.ThinnedCurve(20_000, 1e-9);
            String vendor = CyclerFiles.stream(file, columns, (t, v, i, c, qc, qd, where) -> {
                sum.row(t, v, i, c, qc, qd, where);
                curve.row(t, v, i);
            });
            var result = sum.finish();
            var kind = curve.kind();
            if (run != null) {
                try {
                    kind = org.solidscope.echem.cycling.CyclingModality.Kind.valueOf(run.toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InputException("--run", "run", "cycling, ccd or cv", "'" + run + "'");
                }
            }
            String html = switch (kind) {
                case CYCLING -> org.solidscope.echem.cycling.CyclingReport.cycling(new org.solidscope.echem.cycling.CyclingReport.Cycling(file.toString(), vendor, result, curve,
                        org.solidscope.echem.cycling.RateTable.of(result, oneCMa == null ? Double.NaN : oneCMa, massMg == null ? Double.NaN : massMg),
                        massMg == null ? Double.NaN : massMg));
                case CCD -> {
                    var whole = curve.wholeRun(vendor, file, columns);
                    yield org.solidscope.echem.cycling.CyclingReport.ccd(file.toString(), whole,
                            org.solidscope.echem.cycling.CriticalCurrentDensity.find(whole, areaCm2, 1e-9, 0.3));
                }
                case CV -> {
                    var whole = curve.wholeRun(vendor, file, columns);
                    yield org.solidscope.echem.cycling.CyclingReport.window(file.toString(), whole, areaCm2,
                            org.solidscope.echem.cycling.StabilityWindow.find(whole, areaCm2, 1.0));
                }
            };
            AtomicOutput.writeString(out, html);
            Main.out().printf("%s: %s run, %,d rows; report %s%n", file, kind.name().toLowerCase(java.util.Locale.ROOT), result.rows(), out);
            return 0;
        }
    }

    @Command(name = "dqdv", mixinStandardHelpOptions = true,
            description = "Differential capacity dQ/dV of every charge and discharge, peaks tracked by voltage (uniform voltage grid, 1/4-1/2-1/4 smoothing that keeps the area).")
    static final class Dqdv implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--bin-mv", defaultValue = "5", description = "voltage grid (default ${DEFAULT-VALUE} mV)") double binMv;
        @Option(names = "--columns", description = "explicit column mapping (see summary)") String columns;
        @Option(names = "--track-mv", defaultValue = "30", description = "a peak joins the track whose last voltage is within this (default ${DEFAULT-VALUE} mV)") double trackMv;
        @Option(names = "--json", description = "segments (charging, capacity_mah, voltage_v, dqdv_mah_per_v, peaks_v, capacity_grid_mah, dvdq_volt_per_mah) and tracks") Path json;
        @Option(names = "--plot", description = "dQ/dV of the first and last cycle (PNG)") Path plot;
        @Option(names = "--dvdq-plot", description = "dV/dQ of the first and last cycle (PNG)") Path dvdqPlot;

        @Override
        public Integer call() {
            if (!(binMv > 0 && binMv <= 1000)) throw new InputException("--bin-mv", "bin", "0 < bin ≤ 1000 mV", String.valueOf(binMv));
            var segs = org.solidscope.echem.cycling.DifferentialCapacity.of(CyclerFiles.readAll(file, columns), binMv / 1000, 1e-9);
            if (segs.isEmpty()) throw new InputException(file.toString(), "current", "charge or discharge segments (current above rest)", "none");
            for (var s : segs.size() <= 8 ? segs : List.of(segs.get(0), segs.get(1), segs.get(segs.size() - 2), segs.get(segs.size() - 1))) {
                Main.out().printf("segment %d (%s): %.4g mAh, dQ/dV peaks at %s V%n", s.index(), s.charging() ? "charge" : "discharge", s.capacityMah(),
                        java.util.Arrays.stream(s.peaksV()).mapToObj(v -> String.format("%.3f", v)).toList());
            }
            if (!(trackMv > 0)) throw new InputException("--track-mv", "tolerance", "a number > 0", String.valueOf(trackMv));
            var tracks = org.solidscope.echem.cycling.DifferentialCapacity.track(segs, trackMv / 1000);
            for (var tr : tracks) {
                if (tr.segments().length < 2) continue;
                Main.out().printf("%s peak %d: %.3f V in segment %d → %.3f V in segment %d (%+.1f mV over %d segments)%n", tr.charging() ? "charge" : "discharge", tr.track(),
                        tr.voltageV()[0], tr.segments()[0], tr.voltageV()[tr.voltageV().length - 1], tr.segments()[tr.segments().length - 1], tr.shiftV() * 1000,
                        tr.segments().length);
            }
            if (json != null) AtomicOutput.writeString(json, Json.writeSnake(Map.of("bin_mv", binMv, "segments", segs, "tracks", tracks)));
            if (dvdqPlot != null) {
                List<org.solidscope.report.LinePlot.Series> series = new ArrayList<>();
                for (var s : List.of(segs.get(0), segs.get(segs.size() - 1))) {
                    series.add(new org.solidscope.report.LinePlot.Series((s.charging() ? "charge " : "discharge ") + s.index(), s.capacityGridMah(), s.dvdqVoltPerMah()));
                }
                AtomicOutput.writeBytes(dvdqPlot, org.solidscope.report.LinePlot.png("dV/dQ of " + file.getFileName(), "Q (mAh)", "|dV/dQ| (V/mAh)", false, series, new double[0]));
            }
            if (plot != null) {
                List<org.solidscope.report.LinePlot.Series> series = new ArrayList<>();
                for (var s : List.of(segs.get(0), segs.get(segs.size() - 1))) {
                    series.add(new org.solidscope.report.LinePlot.Series((s.charging() ? "charge " : "discharge ") + s.index(), s.voltageV(),
                            s.charging() ? s.dqdvMahPerV() : java.util.Arrays.stream(s.dqdvMahPerV()).map(x -> -x).toArray()));
                }
                AtomicOutput.writeBytes(plot, org.solidscope.report.LinePlot.png("dQ/dV of " + file.getFileName() + " (discharge negative)", "V", "dQ/dV (mAh/V)", false, series, new double[] {0}));
            }
            return 0;
        }
    }

    @Command(name = "ccd", mixinStandardHelpOptions = true,
            description = "Critical current density of a stepped-current symmetric Li|SE|Li run: the short (a lasting voltage collapse, or the onset of lasting noise: a soft short), overpotential per half-step.")
    static final class Ccd implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--area-cm2", required = true, description = "electrode area") double areaCm2;
        @Option(names = "--columns", description = "explicit column mapping (see summary)") String columns;
        @Option(names = "--collapse", defaultValue = "0.3", description = "a short: |V| below this fraction of the ASR's prediction (default ${DEFAULT-VALUE})") double collapse;
        @Option(names = "--json", description = "ccd_ma_cm2, short time and half-step, ASR, asymmetry, half-steps") Path json;

        @Override
        public Integer call() {
            if (!(collapse > 0 && collapse < 1)) throw new InputException("--collapse", "collapse", "a fraction in (0, 1)", String.valueOf(collapse));
            var r = org.solidscope.echem.cycling.CriticalCurrentDensity.find(CyclerFiles.readAll(file, columns), areaCm2, 1e-9, collapse);
            if (r.shorted()) {
                Main.out().printf("%s: short (%s) at %.4g s in half-step %d: CCD = %.4g mA/cm² (ASR before it %.4g Ohm·cm², plating − stripping %.3g mV)%n", file,
                        r.sign() == org.solidscope.echem.cycling.CriticalCurrentDensity.Sign.NOISE ? "noise onset: a soft short" : "voltage collapse", r.shortTimeS(),
                        r.shortHalfStep(), r.ccdMaCm2(), r.asrOhmCm2(), r.asymmetryMv());
            } else {
                Main.out().printf("%s: no short in %d half-steps (ASR %.4g Ohm·cm²): CCD above %.4g mA/cm²%n", file, r.halfSteps().size(), r.asrOhmCm2(),
                        r.halfSteps().stream().mapToDouble(h -> Math.abs(h.currentDensityMaCm2())).max().orElse(Double.NaN));
            }
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("shorted", r.shorted());
                m.put("ccd_ma_cm2", r.ccdMaCm2());
                m.put("short_time_s", r.shortTimeS());
                m.put("short_half_step", r.shortHalfStep());
                m.put("short_sign", r.sign() == null ? null : r.sign().name().toLowerCase(java.util.Locale.ROOT));
                m.put("asr_ohm_cm2", r.asrOhmCm2());
                m.put("plating_minus_stripping_mv", r.asymmetryMv());
                m.put("half_steps", r.halfSteps());
                AtomicOutput.writeString(json, Json.writeSnake(m));
            }
            return 0;
        }
    }

    @Command(name = "window", mixinStandardHelpOptions = true,
            description = "Electrochemical stability window of a voltammogram: the anodic voltage where the current density reaches the onset threshold.")
    static final class Window implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE") Path file;
        @Option(names = "--area-cm2", required = true, description = "electrode area") double areaCm2;
        @Option(names = "--onset-ua-cm2", defaultValue = "1.0", description = "onset current density (default ${DEFAULT-VALUE} µA/cm²)") double onset;
        @Option(names = "--columns", description = "explicit column mapping (see summary)") String columns;
        @Option(names = "--json", description = "onset_v, threshold, max_v, current at max") Path json;

        @Override
        public Integer call() {
            var r = org.solidscope.echem.cycling.StabilityWindow.find(CyclerFiles.readAll(file, columns), areaCm2, onset);
            if (Double.isNaN(r.onsetV())) {
                Main.out().printf("%s: stable to %.4g V (the highest swept): %.3g µA/cm² there, below %.3g µA/cm²%n", file, r.maxV(), r.currentAtMaxUaCm2(), onset);
            } else {
                Main.out().printf("%s: oxidation onset at %.4f V (%.3g µA/cm²)%n", file, r.onsetV(), onset);
            }
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("onset_v", r.onsetV());
                m.put("threshold_ua_cm2", r.thresholdUaCm2());
                m.put("max_v", r.maxV());
                m.put("current_at_max_ua_cm2", r.currentAtMaxUaCm2());
                AtomicOutput.writeString(json, Json.writeSnake(m));
            }
            return 0;
        }
    }

    @Command(name = "transference", mixinStandardHelpOptions = true,
            description = "Li⁺ transference number by Bruce–Vincent: t₊ = Iₛ(ΔV − I₀R₀)/(I₀(ΔV − IₛRₛ)) from a polarisation run and the impedance before and after "
                    + "(R₀, Rₛ: the interface's resistance in the fitted circuit), with its propagated uncertainty.")
    static final class Transference implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the polarisation run (time, voltage, current)") Path file;
        @Option(names = "--eis-before", required = true, description = "impedance spectrum before polarisation") Path before;
        @Option(names = "--eis-after", required = true, description = "impedance spectrum after (at steady state)") Path after;
        @Option(names = "--circuit", defaultValue = "R0-p(R1,CPE1)", description = "circuit fitted to both; its first parallel R is the interface (default ${DEFAULT-VALUE})") String circuit;
        @Option(names = "--delta-mv", description = "the applied ΔV (default: the median |V| of the run)") Double deltaMv;
        @Option(names = "--columns", description = "explicit column mapping (see summary)") String columns;
        @Option(names = "--json", description = "t_plus, t_plus_stderr, currents, resistances") Path json;

        @Override
        public Integer call() {
            if (deltaMv != null && !(deltaMv > 0 && deltaMv < 1000)) throw new InputException("--delta-mv", "ΔV", "0 < ΔV < 1000 mV", String.valueOf(deltaMv));
            var c = org.solidscope.echem.Circuit.parse(circuit);
            double[] r0 = org.solidscope.echem.cycling.TransferenceNumber.interfaceResistance(c, org.solidscope.echem.InstrumentFiles.read(before));
            double[] rs = org.solidscope.echem.cycling.TransferenceNumber.interfaceResistance(c, org.solidscope.echem.InstrumentFiles.read(after));
            var r = org.solidscope.echem.cycling.TransferenceNumber.of(CyclerFiles.readAll(file, columns), deltaMv == null ? Double.NaN : deltaMv / 1000, r0, rs);
            Main.out().printf("%s: t+ = %.4f ± %.4f (ΔV %.4g mV, I0 %.5g µA, Is %.5g ± %.2g µA, R0 %.5g ± %.2g Ohm, Rs %.5g ± %.2g Ohm)%n", file, r.tPlus(), r.tPlusStderr(),
                    r.deltaV() * 1000, r.initialCurrentA() * 1e6, r.steadyCurrentA() * 1e6, r.steadyCurrentStderrA() * 1e6, r.interfaceBeforeOhm(), r.interfaceBeforeStderrOhm(),
                    r.interfaceAfterOhm(), r.interfaceAfterStderrOhm());
            if (json != null) AtomicOutput.writeString(json, Json.writeSnake(r));
            return 0;
        }
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "A galvanostatic run written as an Arbin-style CSV: seed 004's rate test (3 cycles at 0.07, 0.2, 0.5, 1 C) or its 200 cycles at 0.2 C.")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--preset", defaultValue = "seed004-rate", description = "seed004-rate, seed004-life, ccd (symmetric cell shorting at --short-ma-cm2), cv (seed 004's voltammogram; onset at --onset-v) or polarisation (Bruce–Vincent, --t-plus) (default ${DEFAULT-VALUE})") String preset;
        @Option(names = "--short-ma-cm2", defaultValue = "0.6", description = "with --preset ccd: where the cell shorts (default ${DEFAULT-VALUE})") double shortAt;
        @Option(names = "--soft", description = "with --preset ccd: a soft short (noise sets in, no collapse)") boolean soft;
        @Option(names = "--t-plus", defaultValue = "0.3", description = "with --preset polarisation: the cell's Li⁺ transference number (default ${DEFAULT-VALUE})") double tPlus;
        @Option(names = "--onset-v", description = "with --preset cv: where oxidation reaches 1 µA/cm² (default: 0.33 µA/cm² at 4.4 V, seed 004)") Double onsetV;
        @Option(names = "--noise-mv", defaultValue = "0", description = "seed004 presets: Gaussian voltage noise, 1σ (default ${DEFAULT-VALUE} mV)") double noiseMv;
        @Option(names = "--seed", defaultValue = "1", description = "random seed of the noise (default ${DEFAULT-VALUE})") long seed;
        @Option(names = "--rows", description = "about this many rows (denser sampling), e.g. 10000000 for a 1 GB file") Long rows;
        @Option(names = "--out", required = true) Path out;

        @Override
        public Integer call() {
            if (preset.equals("ccd")) {
                if (!(shortAt > 0 && shortAt < 100)) throw new InputException("--short-ma-cm2", "short", "a current density in (0, 100) mA/cm²", String.valueOf(shortAt));
                var sim = soft ? org.solidscope.echem.cycling.LimitSimulator.softCcd(1.0, 0.05, 0.05, shortAt, 50, 1800, 10, 0.4, seed)
                        : org.solidscope.echem.cycling.LimitSimulator.ccd(1.0, 0.05, 0.05, shortAt, 50, 1800, 10, 0.4, seed);
                AtomicOutput.writeString(out, sim.csv());
                Main.out().printf("wrote %s: a 1 cm² Li|SE|Li cell, half-steps of 30 min from 0.05 mA/cm² in 0.05 steps, ASR 50 Ohm·cm²; shorts at %.4g mA/cm², %.0f s, half-step %d%n",
                        out, shortAt, sim.shortTimeS(), sim.shortHalfStep());
                return 0;
            }
            if (preset.equals("polarisation")) {
                if (!(tPlus > 0 && tPlus <= 1)) throw new InputException("--t-plus", "t+", "0 < t+ ≤ 1", String.valueOf(tPlus));
                var sim = org.solidscope.echem.cycling.TransferenceNumber.simulate(tPlus, 0.01, 200, 500, 650, 1800, 18000, 10, 0.002, seed);
                String stem = out.getFileName().toString().replaceAll("\\.csv$", "");
                Path b = out.resolveSibling(stem + ".before.csv"), a = out.resolveSibling(stem + ".after.csv");
                AtomicOutput.writeString(out, sim.polarisationCsv());
                org.solidscope.echem.SpectrumCsv.write(b, sim.before());
                org.solidscope.echem.SpectrumCsv.write(a, sim.after());
                Main.out().printf("wrote %s (10 mV on a Li|SE|Li cell for 5 h, t+ = %.3g, Rb 200 Ohm, interface 500 → 650 Ohm) and its spectra %s, %s%n", out, tPlus, b, a);
                return 0;
            }
            if (preset.equals("cv")) {
                double on = onsetV != null ? onsetV : org.solidscope.echem.cycling.LimitSimulator.SEED004_ONSET_V;
                AtomicOutput.writeString(out, org.solidscope.echem.cycling.LimitSimulator.voltammogram(1.0, 0, 5, 0.1, on, 1.0, seed));
                Main.out().printf("wrote %s: 0 → 5 → 0 V at 0.1 mV/s on 1 cm²; oxidation reaches 1 µA/cm² at %.4f V%n", out, on);
                return 0;
            }
            CyclingSimulator.Protocol p = switch (preset) {
                case "seed004-rate" -> CyclingSimulator.seed004Rate();
                case "seed004-life" -> CyclingSimulator.seed004Life();
                default -> throw new InputException("--preset", "preset", "seed004-rate, seed004-life, ccd, cv or polarisation", "'" + preset + "'");
            };
            if (!(noiseMv >= 0 && noiseMv <= 1000)) throw new InputException("--noise-mv", "noise", "0 … 1000 mV", String.valueOf(noiseMv));
            p = CyclingSimulator.withNoise(p, noiseMv, seed);
            if (rows != null) {
                if (rows < 1000 || rows > 2_000_000_000L) throw new InputException("--rows", "rows", "1000 … 2e9", String.valueOf(rows));
                long natural = CyclingSimulator.rowsOf(p);
                p = CyclingSimulator.denser(p, (double) rows / natural);
            }
            long t0 = System.nanoTime();
            long n = CyclingSimulator.write(p, out);
            Main.out().printf("wrote %s: %,d rows of %s in %.1f s%n", out, n, p.name(), (System.nanoTime() - t0) / 1e9);
            return 0;
        }
    }
}
