package org.solidscope.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.core.Progress;
import org.solidscope.io.Npy;
import org.solidscope.io.Sidecar;
import org.solidscope.io.xcs.EventList;
import org.solidscope.io.xcs.FrameFile;
import org.solidscope.io.xcs.PixelValues;
import org.solidscope.io.xcs.SpectrumCube;
import org.solidscope.io.xcs.SpectrumCubeFiles;
import org.solidscope.xcs.AlignedSum;
import org.solidscope.xcs.CalibrationSimulator;
import org.solidscope.xcs.ChargeSharing;
import org.solidscope.xcs.ComponentUnmixing;
import org.solidscope.xcs.ComptonAnalysis;
import org.solidscope.xcs.DarkFrames;
import org.solidscope.xcs.DetectorResponse;
import org.solidscope.xcs.EmfMap;
import org.solidscope.xcs.EnergyCalibration;
import org.solidscope.xcs.FrameProcessor;
import org.solidscope.xcs.FrameSimulator;
import org.solidscope.xcs.PinholeGeometry;
import org.solidscope.xcs.PixelCorrections;
import org.solidscope.xcs.XcsReport;
import org.solidscope.xcs.XcsSimulator;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** X-ray Compton scattering imaging: detector frames to calibrated spectra, Compton profiles and EMF maps with uncertainties. */
@Command(name = "xcs", mixinStandardHelpOptions = true,
        description = "X-ray Compton scattering imaging: frames → events → per-pixel spectra → J(pz) → EMF maps with 1σ; calibration, unmixing, simulation.",
        subcommands = {XcsCommand.Simulate.class, XcsCommand.Calibrate.class, XcsCommand.Events.class, XcsCommand.Spectra.class, XcsCommand.Emf.class,
                XcsCommand.Unmix.class, XcsCommand.Pipeline.class},
        footer = {"", "Examples:",
                "  solidscope xcs simulate --out xcs-sim                       (five states of a coin cell as spectra cubes)",
                "  solidscope xcs emf xcs-sim/coin-1_charged_100.npy --map emf.npy --sigma emf-sigma.npy --png emf.png",
                "  solidscope xcs simulate --kind calibration --out cal && solidscope xcs calibrate cal/am241.npy --gradient g.txt --intercept i.txt",
                "  solidscope xcs simulate --kind frames --frames 200000 --out run",
                "  solidscope xcs pipeline run/frames.bin --gradient run/gradient.txt --intercept run/intercept.txt --out run/report.html",
                "  solidscope xcs unmix r1.npy r2.npy r3.npy --fractions '1,1,0.64;0,1,0.89;0,0,1' --components cathode,separator,anode"})
final class XcsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Main.out());
    }

    /** Cathode Li content x of each state of the simulated operando series. */
    static final Map<String, Double> STATE_X = new LinkedHashMap<>();

    static {
        STATE_X.put("pristine", 0.95);
        STATE_X.put("charged_50", 0.70); // charging
        STATE_X.put("charged_100", 0.45); // charged
        STATE_X.put("discharged_50", 0.65); // discharging
        STATE_X.put("discharged_0", 0.88); // discharged
    }

    /** Geometry and the Compton analysis's settings. */
    static final class AnalysisOptions {
        @Option(names = "--incident-kev", defaultValue = "115", description = "incident energy E1 (default ${DEFAULT-VALUE} keV)") double incidentKev;
        @Option(names = "--angle-deg", defaultValue = "90", description = "nominal scattering angle (default ${DEFAULT-VALUE}°)") double angleDeg;
        @Option(names = "--sample-to-pinhole-mm", defaultValue = "160") double sampleToPinholeMm;
        @Option(names = "--pinhole-to-detector-mm", defaultValue = "150") double pinholeToDetectorMm;
        @Option(names = "--pitch-mm", defaultValue = "0.25", description = "detector pixel pitch") double pitchMm;
        @Option(names = "--min-counts", defaultValue = "1000", description = "counts within |pz| < 5 a.u. below which a pixel is flagged (default ${DEFAULT-VALUE})") double minCounts;
        @Option(names = "--background", defaultValue = "sideband", description = "sideband (flat, from 8–12 a.u. above the peak) or none") String background;
        @Option(names = "--exact-pz", description = "the exact relativistic pz instead of the seed's Eq. 2") boolean exactPz;

        PinholeGeometry geometry() {
            for (var o : new double[][] {{sampleToPinholeMm}, {pinholeToDetectorMm}, {pitchMm}})
                if (!(o[0] > 0)) throw new InputException("geometry", "distance", "> 0", String.valueOf(o[0]));
            if (!(angleDeg > 0 && angleDeg < 180)) throw new InputException("--angle-deg", "angle", "in (0, 180)", String.valueOf(angleDeg));
            return new PinholeGeometry(sampleToPinholeMm, pinholeToDetectorMm, pitchMm, angleDeg);
        }

        ComptonAnalysis analysis() {
            InputException.requirePositive("--incident-kev", "incident_kev", incidentKev);
            if (!(minCounts >= 0)) throw new InputException("--min-counts", "min_counts", "a number ≥ 0", String.valueOf(minCounts));
            ComptonAnalysis.Background bg = switch (background.toLowerCase(Locale.ROOT)) {
                case "sideband" -> ComptonAnalysis.Background.HIGH_SIDEBAND;
                case "none" -> ComptonAnalysis.Background.NONE;
                default -> throw new InputException("--background", "background", "sideband or none", "'" + background + "'");
            };
            ComptonAnalysis.Settings d = ComptonAnalysis.Settings.defaults();
            return new ComptonAnalysis(new ComptonAnalysis.Settings(incidentKev, d.lowPzAu(), d.highPzAu(), bg, d.sidebandFromAu(), d.sidebandToAu(), minCounts, exactPz));
        }
    }

    /** How raw frames become events: dark frames, calibration, threshold, charge sharing. */
    static final class FrameOptions {
        @Option(names = "--gradient", description = "per-pixel gradients, keV/ADU (text, row-major)") Path gradient;
        @Option(names = "--intercept", description = "per-pixel intercepts, keV (text, row-major)") Path intercept;
        @Option(names = "--dark-frames", description = "frames at the start of the file without beam, for offsets and noise (default: the sidecar's dark_frames, else 1000)") Long darkFrames;
        @Option(names = "--dark", description = "a separate dark-frame file instead") Path dark;
        @Option(names = "--threshold-kev", defaultValue = "3", description = "hit threshold (default ${DEFAULT-VALUE} keV)") double thresholdKev;
        @Option(names = "--threshold-sigma", description = "hit threshold in multiples of each pixel's noise instead") Double thresholdSigma;
        @Option(names = "--sharing", defaultValue = "seed", description = "charge sharing: none, discrimination, addition, seed (default ${DEFAULT-VALUE}: > 2 pixels dropped, 2 summed)") String sharing;
        @Option(names = "--noisy-factor", defaultValue = "5", description = "a pixel noisier than this × the median is excluded") double noisyFactor;
        @Option(names = "--pixel-map", description = "write the dead and noisy pixels: uint8 .npy [rows, cols], 0 good, 1 dead, 2 noisy") Path pixelMap;

        /** Writes --pixel-map when asked. */
        void writePixelMap(DarkFrames.Result d) {
            if (pixelMap == null) return;
            byte[] m = new byte[d.dead().length];
            for (int p = 0; p < m.length; p++) m[p] = (byte) (d.dead()[p] ? 1 : d.noisy()[p] ? 2 : 0);
            Npy.write2D(pixelMap, d.rows(), d.cols(), m);
        }

        ChargeSharing sharing() {
            try {
                return ChargeSharing.valueOf(sharing.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InputException("--sharing", "sharing", "none, discrimination, addition or seed", "'" + sharing + "'");
            }
        }

        long skipped(FrameFile f) {
            if (dark != null) return darkFrames == null ? 0 : darkFrames;
            if (darkFrames != null) return darkFrames;
            Sidecar s = Sidecar.find(f.path());
            return s != null && s.has("dark_frames") ? (long) s.number("dark_frames") : Math.min(1000, f.frames() / 10);
        }

        DarkFrames.Result dark(FrameFile f) {
            long n = skipped(f);
            if (dark != null) {
                FrameFile d = FrameFile.openAny(dark);
                if (d.rows() != f.rows() || d.cols() != f.cols()) throw new InputException(dark.toString(), "rows, cols", f.rows() + " × " + f.cols(), d.rows() + " × " + d.cols());
                return DarkFrames.measure(d, 0, d.frames(), noisyFactor);
            }
            if (n < 2 || n >= f.frames()) throw new InputException(f.path().toString(), "dark frames", "2 or more dark frames before the beam frames (--dark-frames N or --dark FILE)", String.valueOf(n));
            return DarkFrames.measure(f, 0, n, noisyFactor);
        }

        PixelCorrections corrections(FrameFile f, DarkFrames.Result d) {
            if (gradient == null || intercept == null) throw new InputException("--gradient/--intercept", "calibration", "both per-pixel files (from xcs calibrate)", "missing");
            float[] g = PixelValues.read(gradient, f.rows(), f.cols(), "gradient"), i = PixelValues.read(intercept, f.rows(), f.cols(), "intercept");
            boolean[] bad = new boolean[g.length];
            for (int p = 0; p < g.length; p++) bad[p] = !(g[p] > 0) || Float.isNaN(i[p]);
            return new PixelCorrections(f.rows(), f.cols(), d.offsetAdu(), d.noiseAdu(), g, i, d.excluded()).withExcluded(bad);
        }

        FrameProcessor.Settings settings(double startKev, double binKev, int bins) {
            FrameProcessor.Settings s = FrameProcessor.Settings.defaults().withSharing(sharing()).withAxis(startKev, binKev, bins);
            return thresholdSigma != null ? s.withThresholdSigma(thresholdSigma) : s.withThresholdKev(thresholdKev);
        }
    }

    /** A flat-field acquisition (keV cube of a homogeneous disk) for region sums. */
    static final class FlatOptions {
        @Option(names = "--flat", description = "flat-field acquisition (a keV cube of a homogeneous disk): region sums divide each pixel by its efficiency") Path flat;
        @Option(names = "--flat-window-kev", defaultValue = "85:105", description = "energies whose counts give the efficiency (default ${DEFAULT-VALUE})") String window;

        org.solidscope.xcs.FlatField load(SpectrumCube like) {
            return load(like.rows(), like.cols());
        }

        org.solidscope.xcs.FlatField load(int rows, int cols) {
            if (flat == null) return null;
            String[] w = window.split(":");
            double lo, hi;
            try {
                lo = Double.parseDouble(w[0]);
                hi = Double.parseDouble(w[1]);
            } catch (RuntimeException e) {
                throw new InputException("--flat-window-kev", "window", "LO:HI in keV", "'" + window + "'");
            }
            SpectrumCube c = SpectrumCubeFiles.read(flat).cube();
            if (c.rows() != rows || c.cols() != cols)
                throw new InputException(flat.toString(), "rows, cols", rows + " × " + cols + " (the data's)", c.rows() + " × " + c.cols());
            org.solidscope.xcs.FlatField ff = org.solidscope.xcs.FlatField.of(flat.toString(), c, lo, hi, 0.2);
            Main.out().printf(Locale.ROOT, "flat field %s: %d pixels below a fifth of the median left out%n", flat, ff.excluded());
            return ff;
        }
    }

    static boolean isFrameFile(Path p) {
        return FrameFile.isFrameFile(p);
    }

    static Map<String, Object> processed(FrameProcessor.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", r.frames());
        m.put("hits", r.hits());
        m.put("events", r.events());
        m.put("dropped_by_charge_sharing", r.dropped());
        m.put("outside_axis", r.outside());
        m.put("bytes", r.bytes());
        m.put("workers", r.workers());
        m.put("gb_per_s", r.gbPerS());
        m.put("elapsed_ms", r.elapsedMs());
        return m;
    }

    static void printProcessed(FrameFile f, FrameProcessor.Result r, DarkFrames.Result d) {
        Main.out().printf(Locale.ROOT, "%s: %,d frames of %d × %d (%s), %d dark frames: %d dead, %d noisy pixels excluded%n", f.path(), r.frames(), f.rows(), f.cols(),
                org.solidscope.core.MemoryBudget.human(r.bytes()), d.frames(), d.count(d.dead()), d.count(d.noisy()));
        Main.out().printf(Locale.ROOT, "%,d hits → %,d events (%,d dropped by charge sharing, %,d outside the axis) in %.0f ms: %.2f GB/s on %d threads%n", r.hits(), r.events(),
                r.dropped(), r.outside(), r.elapsedMs(), r.gbPerS(), r.workers());
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true,
            description = "Simulated XCS data with truth: spectra cubes of a coin cell over states (cube), raw frames with dark frames and calibration (frames), an Am-241 calibration (calibration).")
    static final class Simulate implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "directory") Path out;
        @Option(names = "--kind", defaultValue = "cube", description = "cube, frames or calibration (default ${DEFAULT-VALUE})") String kind;
        @Option(names = "--cell-id", defaultValue = "coin-1") String cellId;
        @Option(names = "--states", defaultValue = "pristine,charged_50,charged_100,discharged_50,discharged_0", description = "states (cube): pristine, charging, charged, discharging, discharged as the record names them; cathode x 0.95, 0.70, 0.45, 0.65, 0.88") String states;
        @Option(names = "--state", defaultValue = "charged_100", description = "the state of a frames run") String state;
        @Option(names = "--cathode-x", description = "cathode Li content for every state instead") Double cathodeX;
        @Option(names = "--rows", defaultValue = "80") int rows;
        @Option(names = "--cols", defaultValue = "80") int cols;
        @Option(names = "--counts", defaultValue = "2e5", description = "Compton counts of a cathode pixel (cube; default ${DEFAULT-VALUE})") double counts;
        @Option(names = "--frames", defaultValue = "100000", description = "beam frames (frames)") long frames;
        @Option(names = "--size-gb", description = "frames enough for this many GB instead") Double sizeGb;
        @Option(names = "--photons-per-frame", defaultValue = "20") double photonsPerFrame;
        @Option(names = "--dark-frames", defaultValue = "1000") int darkFrames;
        @Option(names = "--photons", defaultValue = "30000", description = "photons per pixel (calibration)") double photons;
        @Option(names = "--as", defaultValue = "cube", description = "calibration as an ADU cube (cube) or as raw frames (frames)") String as;
        @Option(names = "--seed", defaultValue = "4") long seed;

        @Override
        public Integer call() throws Exception {
            if (rows < 1 || cols < 1 || rows > 1024 || cols > 1024) throw new InputException("--rows/--cols", "size", "1 to 1024", rows + " × " + cols);
            InputException.requirePositive("--counts", "counts", counts);
            Files.createDirectories(out);
            Path truth = out.resolve("truth");
            switch (kind) {
                case "cube" -> {
                    String[] st = states.split(",");
                    for (String s : st) {
                        s = s.trim();
                        double x = cathodeX != null ? cathodeX : STATE_X.getOrDefault(s, Double.NaN);
                        if (cathodeX != null && !(cathodeX >= 0 && cathodeX <= 1.2)) throw new InputException("--cathode-x", "cathode_x", "a Li content from 0 to 1.2", String.valueOf(cathodeX));
                        if (Double.isNaN(x)) throw new InputException("--states", "state", "one of " + STATE_X.keySet() + " (or give --cathode-x)", "'" + s + "'");
                        XcsSimulator.Result r = XcsSimulator.simulate(XcsSimulator.Settings.seed004(x).withSize(rows, cols).withCounts(counts).withSeed(seed * 101 + s.hashCode()),
                                new ConsoleProgress("simulate " + s));
                        Path f = out.resolve(cellId + "_" + s + ".npy");
                        Map<String, Object> extra = new LinkedHashMap<>();
                        extra.put("cell_id", cellId);
                        extra.put("state", s);
                        extra.put("incident_kev", 115);
                        extra.put("angle_deg", 90);
                        extra.put("simulated_cathode_x", x);
                        SpectrumCubeFiles.write(f, r.cube(), "keV", extra);
                        Npy.write2D(truth.resolve(cellId + "_" + s + ".emf.npy"), rows, cols, r.emfExpected());
                        Npy.write2D(truth.resolve(cellId + "_" + s + ".emf-material.npy"), rows, cols, r.emfMaterial());
                        Main.out().printf(Locale.ROOT, "%s: %s, cathode x = %.2f, EMF truth in %s%n", f, s, x, truth.resolve(cellId + "_" + s + ".emf.npy"));
                    }
                }
                case "frames" -> {
                    double x = cathodeX != null ? cathodeX : STATE_X.getOrDefault(state, Double.NaN);
                    if (cathodeX != null && !(cathodeX >= 0 && cathodeX <= 1.2)) throw new InputException("--cathode-x", "cathode_x", "a Li content from 0 to 1.2", String.valueOf(cathodeX));
                    if (Double.isNaN(x)) throw new InputException("--state", "state", "one of " + STATE_X.keySet(), "'" + state + "'");
                    long n = sizeGb != null ? (long) Math.ceil(sizeGb * 1e9 / (2.0 * rows * cols)) : frames;
                    if (n < 1) throw new InputException("--frames", "frames", "≥ 1", String.valueOf(n));
                    XcsSimulator.Result r = XcsSimulator.simulate(XcsSimulator.Settings.seed004(x).withSize(rows, cols).withSeed(seed), Progress.NONE);
                    FrameSimulator.Detector det = FrameSimulator.detector(rows, cols, 0.002, seed + 1);
                    Path f = out.resolve("frames.bin");
                    FrameSimulator.write(f, r.expected(), det, new FrameSimulator.Settings(n, darkFrames, photonsPerFrame, 0.012, 0.25, 9000, seed + 2), new ConsoleProgress("frames"));
                    PixelValues.write(out.resolve("gradient.txt"), det.gradientKevPerAdu(), rows, cols);
                    PixelValues.write(out.resolve("intercept.txt"), det.interceptKev(), rows, cols);
                    // the truth of a frame run: the expected spectra through charge sharing as xcs pipeline's defaults treat it (3 keV, the seed's rule)
                    // and the pixels' 0.12 keV read noise
                    SpectrumCube recorded = org.solidscope.xcs.ChargeSharingResponse.of(0, r.expected().binKev(), r.expected().bins(), 3.0, 0.012, 0.25, ChargeSharing.SEED, 256, 0.12)
                            .apply(r.expected());
                    ComptonAnalysis an = new ComptonAnalysis(ComptonAnalysis.Settings.defaults().withMinCounts(0));
                    PinholeGeometry geo = PinholeGeometry.seed();
                    float[] t = new float[rows * cols];
                    for (int p = 0; p < t.length; p++)
                        t[p] = Float.isNaN(r.emfExpected()[p]) ? Float.NaN
                                : (float) an.emf(recorded.counts(), null, p * recorded.bins(), recorded.bins(), 0, recorded.binKev(), geo.thetaRad(rows, cols, p / cols, p % cols)).emf();
                    Npy.write2D(truth.resolve("emf.npy"), rows, cols, t);
                    Npy.write2D(truth.resolve("emf-spectra.npy"), rows, cols, r.emfExpected());
                    Main.out().printf(Locale.ROOT, "%s: %,d frames (%d dark) of %d × %d, %.1f photons per frame; calibration in gradient.txt, intercept.txt; EMF truth in %s (with charge sharing at 3 keV, the seed's rule)%n",
                            f, n + darkFrames, darkFrames, rows, cols, photonsPerFrame, truth.resolve("emf.npy"));
                }
                case "calibration" -> {
                    FrameSimulator.Detector det = FrameSimulator.detector(rows, cols, 0.002, seed + 1);
                    boolean frames = as.equals("frames");
                    CalibrationSimulator.Result r = CalibrationSimulator.simulate(det, EnergyCalibration.lines("am241"), CalibrationSimulator.AM241_INTENSITY, photons, 0.79, 0.15,
                            DetectorResponse.hexitec(), 2, 2000, seed, Progress.NONE);
                    if (frames) {
                        long n = (long) Math.ceil(photons * rows * cols / photonsPerFrame);
                        FrameSimulator.write(out.resolve("am241.bin"), r.kev(), det, new FrameSimulator.Settings(n, darkFrames, photonsPerFrame, 0.005, 0.25, 9000, seed + 3),
                                new ConsoleProgress("frames"));
                    } else {
                        SpectrumCubeFiles.write(out.resolve("am241.npy"), r.adu(), "adu", Map.of("source", "am241", "note", "ADU above each pixel's offset"));
                    }
                    PixelValues.write(truth.resolve("gradient.txt"), det.gradientKevPerAdu(), rows, cols);
                    PixelValues.write(truth.resolve("intercept.txt"), det.interceptKev(), rows, cols);
                    PixelValues.write(truth.resolve("fwhm.txt"), r.fwhmKev(), rows, cols);
                    Main.out().printf(Locale.ROOT, "%s: Am-241, %.0f photons per pixel, %d × %d; true gradient, intercept and FWHM in %s%n",
                            out.resolve(frames ? "am241.bin" : "am241.npy"), photons, rows, cols, truth);
                }
                default -> throw new InputException("--kind", "kind", "cube, frames or calibration", "'" + kind + "'");
            }
            return 0;
        }
    }

    @Command(name = "calibrate", mixinStandardHelpOptions = true,
            description = "Per-pixel energy calibration from a source acquisition (raw frames, an ADU spectra cube or an ADU event list): gradient and intercept with σ, FWHM per pixel.")
    static final class Calibrate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "INPUT") Path input;
        @Option(names = "--source", defaultValue = "am241", description = "am241, co57, cd109, ba133, or line energies in keV, strongest first (default ${DEFAULT-VALUE})") String source;
        @Option(names = "--gradient", required = true, description = "output: gradients, keV/ADU") Path gradientOut;
        @Option(names = "--intercept", required = true, description = "output: intercepts, keV") Path interceptOut;
        @Option(names = "--fwhm", description = "output: FWHM at the first line, keV") Path fwhmOut;
        @Option(names = "--json") Path json;
        @Option(names = "--adu-bin", defaultValue = "2", description = "ADU per histogram bin (frames, events)") double aduBin;
        @Option(names = "--max-adu", defaultValue = "8192") int maxAdu;
        @Option(names = "--min-peak-counts", defaultValue = "200") double minPeakCounts;
        @Option(names = "--dark-frames") Long darkFrames;
        @Option(names = "--threshold-sigma", defaultValue = "6") double thresholdSigma;

        @Override
        public Integer call() {
            double[] lines = EnergyCalibration.lines(source);
            InputException.requirePositive("--adu-bin", "adu_bin", aduBin);
            int bins = (int) Math.ceil(maxAdu / aduBin);
            SpectrumCube adu;
            String what;
            if (isFrameFile(input)) {
                FrameFile f = FrameFile.openAny(input);
                FrameOptions o = new FrameOptions();
                o.darkFrames = darkFrames;
                o.noisyFactor = 5;
                DarkFrames.Result d = o.dark(f);
                FrameProcessor.Result r = FrameProcessor.process(f, PixelCorrections.inAdu(d), FrameProcessor.Settings.defaults().withThresholdSigma(thresholdSigma)
                        .withSharing(ChargeSharing.DISCRIMINATION).withAxis(0, aduBin, bins), o.skipped(f), null, new ConsoleProgress("histogram"));
                adu = r.cube();
                what = String.format(Locale.ROOT, "%,d frames, %,d single-pixel events", r.frames(), r.events());
            } else if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") || isEventNpy(input)) {
                EventList ev = EventList.read(input);
                if (ev.energy()) throw new InputException(input.toString(), "value", "ADU (a calibration needs uncalibrated values)", "energy_kev");
                adu = ev.histogram(input.toString(), 0, aduBin, bins, null);
                what = String.format(Locale.ROOT, "%,d events", ev.size());
            } else {
                SpectrumCubeFiles.Read r = SpectrumCubeFiles.read(input);
                if (!r.unit().equals("adu")) throw new InputException(input + ".json", "unit", "adu (a cube of uncalibrated spectra)", r.unit());
                adu = r.cube();
                what = "ADU spectra cube";
            }
            EnergyCalibration.Result cal = EnergyCalibration.fit(input.toString(), adu, lines, minPeakCounts, new ConsoleProgress("calibrate"));
            PixelValues.write(gradientOut, cal.gradientKevPerAdu(), cal.rows(), cal.cols());
            PixelValues.write(interceptOut, cal.interceptKev(), cal.rows(), cal.cols());
            if (fwhmOut != null) PixelValues.write(fwhmOut, cal.fwhmKev(), cal.rows(), cal.cols());
            double[] fw = cal.fwhmMeanSd();
            double[] g = meanSd(cal.gradientKevPerAdu(), cal.flagged());
            Main.out().printf(Locale.ROOT, "%s (%s): %d × %d pixels, %d flagged (no %.2f keV peak); gradient %.5f ± %.5f keV/ADU (pixel spread); FWHM at %.2f keV %.3f ± %.3f keV; %.0f ms%n",
                    input, what, cal.rows(), cal.cols(), cal.flaggedCount(), lines[0], g[0], g[1], lines[0], fw[0], fw[1], cal.elapsedMs());
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("input", input.toString());
                m.put("lines_kev", lines);
                m.put("rows", cal.rows());
                m.put("cols", cal.cols());
                m.put("flagged", cal.flaggedCount());
                m.put("gradient_mean_kev_per_adu", g[0]);
                m.put("gradient_sd_kev_per_adu", g[1]);
                m.put("fwhm_mean_kev", fw[0]);
                m.put("fwhm_sd_kev", fw[1]);
                m.put("gradient", cal.gradientKevPerAdu());
                m.put("gradient_sigma", cal.gradientSigma());
                m.put("intercept", cal.interceptKev());
                m.put("intercept_sigma", cal.interceptSigma());
                m.put("fwhm_kev", cal.fwhmKev());
                m.put("elapsed_ms", cal.elapsedMs());
                AtomicOutput.writeString(json, Json.writeSnake(m));
            }
            return 0;
        }

        static boolean isEventNpy(Path p) {
            if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) return false;
            Sidecar s = Sidecar.find(p);
            return s != null && "events".equals(s.text("kind", ""));
        }
    }

    static double[] meanSd(float[] v, boolean[] skip) {
        double s = 0, s2 = 0;
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (skip[i] || Float.isNaN(v[i])) continue;
            s += v[i];
            s2 += (double) v[i] * v[i];
            n++;
        }
        double m = s / n;
        return new double[] {m, Math.sqrt(Math.max(0, s2 / n - m * m))};
    }

    @Command(name = "events", mixinStandardHelpOptions = true, description = "Raw frames to calibrated photon events (frame, row, col, energy_kev) after offset, threshold and charge sharing.")
    static final class Events implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FRAMES") Path input;
        @Mixin FrameOptions frames;
        @Option(names = "--out", required = true, description = "events: .npy [n, 4] or .csv") Path out;
        @Option(names = "--json") Path json;

        @Override
        public Integer call() {
            FrameFile f = FrameFile.openAny(input);
            DarkFrames.Result d = frames.dark(f);
            PixelCorrections c = frames.corrections(f, d);
            EventList.Builder b = new EventList.Builder(true);
            int cols = f.cols();
            // the sink sees every event inside the axis: an axis of ±10⁶ keV in 8 bins passes them all and keeps the histograms small
            FrameProcessor.Result r = FrameProcessor.process(f, c, frames.settings(-1e6, 2e6 / 8, 8), frames.skipped(f),
                    (frame, pixel, e) -> b.add(frame, pixel / cols, pixel % cols, e, input.toString()), new ConsoleProgress("events"));
            EventList ev = b.build();
            ev.write(out);
            frames.writePixelMap(d);
            printProcessed(f, r, d);
            Main.out().printf(Locale.ROOT, "%,d events written to %s%n", ev.size(), out);
            if (json != null) AtomicOutput.writeString(json, Json.writeSnake(processed(r)));
            return 0;
        }
    }

    @Command(name = "spectra", mixinStandardHelpOptions = true,
            description = "Raw frames (streamed, any size) or an event list to per-pixel spectra [rows, cols, bins] in keV (.npy + sidecar, or .h5).")
    static final class Spectra implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "INPUT") Path input;
        @Mixin FrameOptions frames;
        @Option(names = "--bin-kev", defaultValue = "0.2", description = "bin width (default ${DEFAULT-VALUE} keV)") double binKev;
        @Option(names = "--max-kev", defaultValue = "160", description = "top of the axis, from 0 (default ${DEFAULT-VALUE} keV)") double maxKev;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--json") Path json;

        @Override
        public Integer call() {
            InputException.requirePositive("--bin-kev", "bin_kev", binKev);
            InputException.requirePositive("--max-kev", "max_kev", maxKev);
            int bins = (int) Math.ceil(maxKev / binKev);
            Map<String, Object> m;
            SpectrumCube cube;
            if (isFrameFile(input)) {
                FrameFile f = FrameFile.openAny(input);
                DarkFrames.Result d = frames.dark(f);
                FrameProcessor.Result r = FrameProcessor.process(f, frames.corrections(f, d), frames.settings(0, binKev, bins), frames.skipped(f), null, new ConsoleProgress("spectra"));
                frames.writePixelMap(d);
                printProcessed(f, r, d);
                cube = r.cube();
                m = processed(r);
            } else {
                long t0 = System.nanoTime();
                EventList ev = EventList.read(input);
                if (!ev.energy()) throw new InputException(input.toString(), "value", "energy_kev (calibrate ADU events with xcs calibrate first)", "adu");
                long[] outsideCount = new long[1];
                cube = ev.histogram(input.toString(), 0, binKev, bins, outsideCount);
                long outside = outsideCount[0];
                m = new LinkedHashMap<>();
                m.put("events", ev.size());
                m.put("outside_axis", outside);
                m.put("elapsed_ms", (System.nanoTime() - t0) / 1e6);
                Main.out().printf(Locale.ROOT, "%s: %,d events into %d × %d × %d bins (%,d outside the axis)%n", input, ev.size(), cube.rows(), cube.cols(), bins, outside);
            }
            SpectrumCubeFiles.write(out, cube, "keV", Map.of("source", input.getFileName().toString()));
            Main.out().printf("spectra written to %s%n", out);
            if (json != null) AtomicOutput.writeString(json, Json.writeSnake(m));
            return 0;
        }
    }

    @Command(name = "emf", mixinStandardHelpOptions = true,
            description = "EMF = E_L/E_H (|pz| < 1 over 1 < |pz| < 5 a.u., the seed's Eq. 3–5) and its counting 1σ for every pixel of a spectra cube; NaN where a pixel has too few counts.")
    static final class Emf implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CUBE") Path input;
        @Mixin AnalysisOptions a;
        @Option(names = "--map", description = "EMF as float32 .npy [rows, cols]") Path mapOut;
        @Option(names = "--sigma", description = "1σ as float32 .npy [rows, cols]") Path sigmaOut;
        @Option(names = "--png", description = "EMF map picture") Path png;
        @Option(names = "--json") Path json;

        @Override
        public Integer call() {
            SpectrumCubeFiles.Read r = SpectrumCubeFiles.read(input);
            if (!r.unit().equals("keV")) throw new InputException(input + ".json", "unit", "keV (calibrate first)", r.unit());
            EmfMap map = EmfMap.of(input.toString(), r.cube(), a.geometry(), a.analysis(), new ConsoleProgress("emf"));
            double[] mean = map.mean(null);
            Main.out().printf(Locale.ROOT, "%s: %d × %d pixels, %d flagged; EMF %.4f ± %.4f (mean of the unflagged pixels); %.1f ms%n", input, map.rows(), map.cols(),
                    map.flagged(), mean[0], mean[1], map.elapsedMs());
            if (mapOut != null) Npy.write2D(mapOut, map.rows(), map.cols(), map.emf());
            if (sigmaOut != null) Npy.write2D(sigmaOut, map.rows(), map.cols(), map.sigma());
            if (png != null) {
                double[] range = org.solidscope.report.ArrayImages.percentiles(map.emf(), 0.02, 0.98);
                AtomicOutput.writeBytes(png, org.solidscope.report.HeatMapRenderer.png(new org.solidscope.core.ScalarMap(new org.solidscope.core.GridGeometry(map.cols(), map.rows(),
                        map.samplePitchMm()), "EMF", map.emf()), range[0], range[1], org.solidscope.report.ColourMap.VIRIDIS, "EMF " + input.getFileName(), "EMF",
                        org.solidscope.report.Overlay.none(), 480));
            }
            if (json != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("input", input.toString());
                m.put("rows", map.rows());
                m.put("cols", map.cols());
                m.put("flagged", map.flagged());
                m.put("emf_mean", mean[0]);
                m.put("emf_mean_sigma", mean[1]);
                m.put("incident_kev", a.incidentKev);
                m.put("sample_pitch_mm", map.samplePitchMm());
                m.put("elapsed_ms", map.elapsedMs());
                AtomicOutput.writeString(json, Json.writeSnake(m));
            }
            return 0;
        }
    }

    @Command(name = "unmix", mixinStandardHelpOptions = true,
            description = "Component spectra from region spectra by least squares (default: the seed's cathode / separator / anode case), each with its EMF ± 1σ.")
    static final class Unmix implements Callable<Integer> {
        @Parameters(paramLabel = "CUBE", arity = "1..*", description = "one cube per region, or one cube with --regions") List<Path> inputs;
        @Option(names = "--regions", description = "label map .npy [rows, cols]: label k is region k (with a single cube)") Path regions;
        @Option(names = "--fractions", description = "F[region][component], regions separated by ';' (default the seed's 1,1,0.64;0,1,0.89;0,0,1)") String fractions;
        @Option(names = "--components", description = "names (default cathode,separator,anode)") String components;
        @Option(names = "--volumes", description = "volume per component, for spectra per unit volume") String volumes;
        @Option(names = "--ct", description = "fractions from a CT label volume .npy [nz, ny, nx] uint8 (with --voxel-um, --beam-z-mm, --labels)") Path ct;
        @Option(names = "--voxel-um", description = "the CT voxel edge") Double voxelUm;
        @Option(names = "--beam-z-mm", description = "beam centre height of each region in the CT volume (from slice 0), e.g. 0.4,0.9,1.4") String beamZ;
        @Option(names = "--beam-height-mm", defaultValue = "0.25", description = "sheet beam height (default ${DEFAULT-VALUE} mm, the seed's)") double beamHeightMm;
        @Option(names = "--labels", description = "the CT label of each component, in --components order (default 1,2,3)") String labels;
        @Mixin FlatOptions flatOptions;
        @Mixin AnalysisOptions a;
        @Option(names = "--json") Path json;

        @Override
        public Integer call() {
            List<String> names = List.of((components == null ? "cathode,separator,anode" : components).split(","));
            ComponentUnmixing.Mixing mix;
            if (ct != null) {
                if (fractions != null) throw new InputException("--ct", "fractions", "either --ct or --fractions", "both");
                InputException.requirePositive("--voxel-um", "voxel_um", voxelUm == null ? Double.NaN : voxelUm);
                InputException.requirePositive("--beam-height-mm", "beam_height_mm", beamHeightMm);
                if (beamZ == null) throw new InputException("--beam-z-mm", "beam heights", "one centre height per region", "none");
                double[] z = java.util.Arrays.stream(beamZ.split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
                int[] lab = labels == null ? java.util.stream.IntStream.rangeClosed(1, names.size()).toArray()
                        : java.util.Arrays.stream(labels.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
                if (lab.length != names.size()) throw new InputException("--labels", "labels", names.size() + " labels (one per component)", lab.length + "");
                byte[][] slices = Npy.readVolumeU8(ct, new int[3]);
                mix = new ComponentUnmixing.Mixing(ComponentUnmixing.fractionsFromCt(slices, voxelUm, z, beamHeightMm, lab), names);
                Main.out().println("fractions from " + ct + " (mm³ of each component in each region's slab):");
            } else {
                mix = fractions == null && components == null ? ComponentUnmixing.seed()
                        : new ComponentUnmixing.Mixing(ComponentUnmixing.parseFractions(fractions == null ? "1,1,0.64;0,1,0.89;0,0,1" : fractions), names);
            }
            double[] vol = volumes == null ? null : java.util.Arrays.stream(volumes.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
            PinholeGeometry g = a.geometry();
            double nominal = Math.toRadians(g.nominalDeg());
            List<double[]> spectra = new ArrayList<>(), variances = new ArrayList<>();
            SpectrumCube first = null;
            if (regions != null) {
                if (inputs.size() != 1) throw new InputException("--regions", "cubes", "one cube with a label map", inputs.size() + " cubes");
                first = SpectrumCubeFiles.read(inputs.get(0)).cube();
                org.solidscope.xcs.FlatField ff = flatOptions.load(first);
                Npy.Array2D lab = Npy.read2D(regions);
                if (lab.height() != first.rows() || lab.width() != first.cols())
                    throw new InputException(regions.toString(), "shape", first.rows() + " × " + first.cols() + " (the cube's)", lab.height() + " × " + lab.width());
                for (int k = 1; k <= mix.fractions().length; k++) {
                    boolean[] mask = new boolean[first.pixels()];
                    int n = 0;
                    for (int p = 0; p < mask.length; p++) if (Math.round(lab.values()[p]) == k) { mask[p] = true; n++; }
                    if (n == 0) throw new InputException(regions.toString(), "label " + k, "at least one pixel of region " + k, "none");
                    double[][] sv = AlignedSum.weighted(first, mask, g.thetaMap(first.rows(), first.cols()), nominal, a.incidentKev, ff);
                    spectra.add(sv[0]);
                    variances.add(sv[1]);
                }
            } else {
                for (Path p : inputs) {
                    SpectrumCube c = SpectrumCubeFiles.read(p).cube();
                    if (first != null && (c.bins() != first.bins() || c.startKev() != first.startKev() || c.binKev() != first.binKev()))
                        throw new InputException(p.toString(), "energy axis", "the same axis as " + inputs.get(0), c.startKev() + " + " + c.bins() + " × " + c.binKev());
                    if (first == null) first = c;
                    double[][] sv = AlignedSum.weighted(c, null, g.thetaMap(c.rows(), c.cols()), nominal, a.incidentKev, flatOptions.load(c));
                    spectra.add(sv[0]);
                    variances.add(sv[1]);
                }
            }
            ComptonAnalysis an = a.analysis();
            an.requireAxis(inputs.get(0).toString(), first.startKev(), first.endKev(), nominal, nominal);
            List<ComponentUnmixing.Component> comps = ComponentUnmixing.unmix(mix, spectra.toArray(double[][]::new), variances.toArray(double[][]::new), vol, an,
                    first.startKev(), first.binKev(), nominal);
            Main.out().print(ComponentUnmixing.describe(mix));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ComponentUnmixing.Component c : comps) {
                Main.out().printf(Locale.ROOT, "%-12s EMF %.4f ± %.4f (counts within |pz| < 5: %,.0f per unit volume)%n", c.name(), c.emf().emf(), c.emf().sigma(), c.emf().counts());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("component", c.name());
                m.put("volume", c.volume());
                m.put("emf", c.emf().emf());
                m.put("emf_sigma", c.emf().sigma());
                m.put("counts", c.emf().counts());
                rows.add(m);
            }
            if (json != null) AtomicOutput.writeString(json, Json.writeSnake(Map.of("fractions", mix.fractions(), "components", rows)));
            return 0;
        }
    }

    @Command(name = "pipeline", mixinStandardHelpOptions = true,
            description = "Raw frames (+ per-pixel calibration) → spectra → EMF map and 1σ → one HTML report (sum spectrum with lines, Compton region, J(pz), maps, table).")
    static final class Pipeline implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FRAMES") Path input;
        @Mixin FrameOptions frames;
        @Mixin AnalysisOptions a;
        @Option(names = "--bin-kev", defaultValue = "0.2") double binKev;
        @Option(names = "--max-kev", defaultValue = "160") double maxKev;
        @Option(names = "--out", required = true, description = "HTML report") Path out;
        @Option(names = "--cube", description = "also write the spectra cube") Path cubeOut;
        @Option(names = "--map") Path mapOut;
        @Option(names = "--sigma") Path sigmaOut;
        @Option(names = "--regions", description = "label map .npy: a table row per label") Path regions;
        @Mixin FlatOptions flatOptions;
        @Option(names = "--json") Path json;

        @Override
        public Integer call() {
            InputException.requirePositive("--bin-kev", "bin_kev", binKev);
            FrameFile f = FrameFile.openAny(input);
            ComptonAnalysis an = a.analysis();
            PinholeGeometry g = a.geometry();
            // refuse an axis that misses the Compton region before reading gigabytes
            an.requireAxis("--max-kev", 0, maxKev, Math.toRadians(g.nominalDeg() - 10), Math.toRadians(g.nominalDeg() + 10));
            org.solidscope.xcs.FlatField ff = flatOptions.load(f.rows(), f.cols()); // a bad flat field is refused before the frames are read
            DarkFrames.Result d = frames.dark(f);
            FrameProcessor.Result r = FrameProcessor.process(f, frames.corrections(f, d), frames.settings(0, binKev, (int) Math.ceil(maxKev / binKev)), frames.skipped(f), null,
                    new ConsoleProgress("spectra"));
            frames.writePixelMap(d);
            printProcessed(f, r, d);
            EmfMap map = EmfMap.of(input.toString(), r.cube(), g, an, Progress.NONE);
            double[] mean = map.mean(null);
            Main.out().printf(Locale.ROOT, "EMF map: %d flagged of %d pixels; EMF %.4f ± %.4f over the field; %.1f ms%n", map.flagged(), f.rows() * f.cols(), mean[0], mean[1], map.elapsedMs());
            List<XcsReport.Row> rows = new ArrayList<>();
            double nominal = Math.toRadians(g.nominalDeg());
            double[] theta = g.thetaMap(f.rows(), f.cols());
            double[][] whole = AlignedSum.weighted(r.cube(), null, theta, nominal, a.incidentKev, ff);
            rows.add(new XcsReport.Row("whole field", f.rows() * f.cols() + " pixels", an.emf(whole[0], whole[1], 0, binKev, nominal)));
            if (regions != null) {
                Npy.Array2D lab = Npy.read2D(regions);
                if (lab.height() != f.rows() || lab.width() != f.cols()) throw new InputException(regions.toString(), "shape", f.rows() + " × " + f.cols(), lab.height() + " × " + lab.width());
                java.util.TreeSet<Integer> labels = new java.util.TreeSet<>();
                for (float v : lab.values()) if (v > 0) labels.add(Math.round(v));
                for (int k : labels) {
                    boolean[] mask = new boolean[lab.values().length];
                    int n = 0;
                    for (int p = 0; p < mask.length; p++) if (Math.round(lab.values()[p]) == k) { mask[p] = true; n++; }
                    double[][] sv = AlignedSum.weighted(r.cube(), mask, theta, nominal, a.incidentKev, ff);
                    rows.add(new XcsReport.Row("region " + k, n + " pixels", an.emf(sv[0], sv[1], 0, binKev, nominal)));
                }
            }
            List<String> facts = List.of(String.format(Locale.ROOT, "%s: %,d frames of %d × %d at %s Hz, %s; %d dark frames (%d dead, %d noisy pixels excluded)", input, r.frames(), f.rows(), f.cols(),
                            Double.isNaN(f.frameRateHz()) ? "?" : String.format(Locale.ROOT, "%.0f", f.frameRateHz()), org.solidscope.core.MemoryBudget.human(r.bytes()), d.frames(),
                            d.count(d.dead()), d.count(d.noisy())),
                    String.format(Locale.ROOT, "%,d hits → %,d events (charge sharing: %s, %,d dropped); threshold %s; %.2f GB/s on %d threads", r.hits(), r.events(),
                            frames.sharing().name().toLowerCase(Locale.ROOT), r.dropped(), frames.thresholdSigma != null ? frames.thresholdSigma + " σ" : frames.thresholdKev + " keV",
                            r.gbPerS(), r.workers()),
                    String.format(Locale.ROOT, "E1 = %.1f keV, nominal %.0f°, pinhole %.0f + %.0f mm, %.3f mm pitch", a.incidentKev, g.nominalDeg(), g.sampleToPinholeMm(),
                            g.pinholeToDetectorMm(), g.pitchMm()));
            AtomicOutput.writeString(out, XcsReport.html(input.getFileName().toString(), facts, r.cube(), map, g, an, rows));
            if (cubeOut != null) SpectrumCubeFiles.write(cubeOut, r.cube(), "keV", Map.of("source", input.getFileName().toString()));
            if (mapOut != null) Npy.write2D(mapOut, map.rows(), map.cols(), map.emf());
            if (sigmaOut != null) Npy.write2D(sigmaOut, map.rows(), map.cols(), map.sigma());
            Main.out().printf("report written to %s%n", out);
            if (json != null) {
                Map<String, Object> m = processed(r);
                m.put("emf_mean", mean[0]);
                m.put("emf_mean_sigma", mean[1]);
                m.put("flagged", map.flagged());
                m.put("emf_ms", map.elapsedMs());
                AtomicOutput.writeString(json, Json.writeSnake(m));
            }
            return 0;
        }
    }
}
