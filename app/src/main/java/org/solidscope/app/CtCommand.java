package org.solidscope.app;

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
import org.solidscope.io.Npy;
import org.solidscope.io.VolumeData;
import org.solidscope.io.VolumeIO;
import org.solidscope.tomo.BinaryMorphology;
import org.solidscope.tomo.GaussianFilter;
import org.solidscope.tomo.Labeling3D;
import org.solidscope.tomo.Mask3;
import org.solidscope.tomo.MedianFilter;
import org.solidscope.tomo.Morphology3D;
import org.solidscope.tomo.Otsu;
import org.solidscope.tomo.Phantoms;
import org.solidscope.tomo.Structure;
import org.solidscope.tomo.SurfaceArea;
import org.solidscope.tomo.Thresholds;
import org.solidscope.tomo.Volume16;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** X-ray CT volumes: the first steps of the seed's chain (median, Otsu threshold, labelling). */
@Command(name = "ct", mixinStandardHelpOptions = true,
        description = {"X-ray CT: reconstruction, filters, thresholds, components, interface roughness, volume change, tortuosity.",
                "Volumes: " + VolumeIO.FORMATS + "; arrays [nz, ny, nx]."},
        footer = {"", "Examples:", "  solidscope ct phantom --size 256 --out vol.npy",
                "  solidscope ct median vol.npy --out med.npy --json med.json",
                "  solidscope ct median scan.tif --ball 2 --out med.tif",
                "  solidscope ct gaussian vol.npy --sigma 1.5 --out smooth.npy",
                "  solidscope ct threshold med.npy --method multi-otsu --classes 3 --out phases.npy --json t.json",
                "  solidscope ct open med.npy --ball 3 --out opened.npy --json open.json",
                "  solidscope ct threshold med.npy --out mask.npy --json t.json",
                "  solidscope ct label mask.npy --connectivity 26 --out labels.npy --components comps.csv --json l.json",
                "  solidscope ct volume-change before.npy after.npy --mask-before anode0.npy --mask-after anode1.npy --json dv.json",
                "  solidscope ct interface anode.npy --voxel-um 0.65 --out height.npy --json roughness.json"})
final class CtCommand implements Runnable {
    /** Its subcommands, in the order --help lists them; Main adds only the one a call names (see Main#commandLine). */
    static final Class<?>[] SUBCOMMANDS = {CtPipelineCommand.class, CtReconstructCommand.class, CtTortuosityCommand.class, CtVolumeChangeCommand.class,
            Phantom.class, Median.class, Gaussian.class, Open.class, Threshold.class, Label.class, Interface.class};

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Main.out());
    }

    /** A uint16 volume in any of the readable formats; the voxel size from the file where it has one. */
    static Volume16 readGrey(String in) {
        VolumeData d = VolumeIO.read(in);
        return CtVolumes.grey(d, in, CtVolumes.voxelUm(d, null));
    }

    static void write(Path out, Volume16 v) {
        VolumeIO.write(out, new VolumeData(v.nz(), v.ny(), v.nx(), v.slices(), v.voxelUm()));
    }

    /** A result and the best compute time of {@code repeat} runs (benchmarks ask for more than one). */
    record Timed<T>(T result, double bestMs) {}

    static <T> Timed<T> bestOf(int repeat, java.util.function.Supplier<T> work) {
        T r = null;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < Math.max(1, repeat); i++) {
            long t0 = System.nanoTime();
            r = work.get();
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return new Timed<>(r, best);
    }

    static void json(Path json, Map<String, Object> m) {
        if (json != null) AtomicOutput.writeString(json, Json.write(m));
    }

    @Command(name = "phantom", mixinStandardHelpOptions = true, description = "A uint16 phantom: porous two-phase (pores ~9000, solid ~30000, noise σ 2500), or a cell section (--kind cell).")
    static final class Phantom implements Callable<Integer> {
        @Option(names = "--size", defaultValue = "128", description = "edge in voxels (default ${DEFAULT-VALUE})")
        int size;

        @Option(names = "--porosity", defaultValue = "0.35")
        double porosity;

        @Option(names = "--kind", defaultValue = "porous", description = "porous (two phases) or cell (anode / electrolyte / cathode along z, interface amplitude --amplitude voxels)")
        String kind;

        @Option(names = "--amplitude", defaultValue = "4", description = "cell: interface amplitude in voxels (Ra = 4A/pi^2, Rq = A/2)")
        double amplitude;

        @Option(names = "--dendrites", defaultValue = "0", description = "cell: Li needles of radius 2.5 voxels rising 0.15·size above the interface")
        int dendrites;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--out", required = true)
        Path out;

        @Override
        public Integer call() {
            VolumeIO.checkWritable(out, "--out");
            if (size < 2 || size > 1024) throw new InputException("--size", "size", "2 … 1024", String.valueOf(size));
            if (!kind.equals("porous") && !kind.equals("cell")) throw new InputException("--kind", "kind", "porous or cell", kind);
            if (dendrites < 0 || dendrites > 10_000) throw new InputException("--dendrites", "count", "0 … 10000", String.valueOf(dendrites));
            if (!(porosity >= 0 && porosity < 1)) throw new InputException("--porosity", "porosity", "a volume fraction in [0, 1)", String.valueOf(porosity));
            if (!(amplitude >= 0 && amplitude <= size / 4.0)) {
                throw new InputException("--amplitude", "amplitude", "0 … size/4 = " + size / 4.0 + " voxels", String.valueOf(amplitude));
            }
            Volume16 v = kind.equals("cell") ? Phantoms.cell(size, size, size, amplitude, dendrites, seed) : Phantoms.porous(size, porosity, seed);
            write(out, v);
            Main.out().printf("wrote %s: uint16 [%d, %d, %d]%n", out, size, size, size);
            if (kind.equals("cell")) {
                Main.out().printf("anode: %d voxels (%d dendrites); interface Ra %.4f, Rq %.4f voxels without dendrites%n",
                        Phantoms.cellAnodeVoxels(size, size, size, amplitude, dendrites, seed), dendrites, 4 * amplitude / (Math.PI * Math.PI), amplitude / 2);
            }
            return 0;
        }
    }

    @Command(name = "median", mixinStandardHelpOptions = true,
            description = "Exact median over a cube or ball of radius r (default: the 3x3x3 cube); edges as SciPy's mode='reflect'.")
    static final class Median implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN", description = "uint16 volume (" + VolumeIO.FORMATS + ")") String in;
        @Option(names = "--cube", description = "cube of this radius (default 1: 3x3x3)") Integer cube;
        @Option(names = "--ball", description = "ball of this radius") Integer ball;
        @Option(names = "--out", required = true, description = "filtered volume (.npy, .tif, .raw)") Path out;
        @Option(names = "--json") Path json;
        @Option(names = "--repeat", defaultValue = "1", description = "run N times and report the best elapsed_ms (for benchmarks)") int repeat;

        @Override
        public Integer call() {
            VolumeIO.checkWritable(out, "--out");
            Structure st = element(ball, cube, 1);
            Volume16 v = readGrey(in);
            Timed<Volume16> t = bestOf(repeat, () -> MedianFilter.filter(v, st, new ConsoleProgress("median")));
            write(out, t.result());
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in);
            j.put("shape", new int[] {v.nz(), v.ny(), v.nx()});
            j.put("filter", "median " + st.name());
            j.put("elapsed_ms", t.bestMs());
            j.put("threads", Runtime.getRuntime().availableProcessors());
            json(json, j);
            Main.out().printf("median %s of [%d, %d, %d]: %.0f ms%n", st.name(), v.nz(), v.ny(), v.nx(), t.bestMs());
            return 0;
        }
    }

    @Command(name = "gaussian", mixinStandardHelpOptions = true,
            description = "Gaussian smoothing, σ in voxels, kernel truncated at 4σ, edges as SciPy's mode='reflect'; rounded to the nearest grey level.")
    static final class Gaussian implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN", description = "uint16 volume (" + VolumeIO.FORMATS + ")") String in;
        @Option(names = "--sigma", required = true, description = "standard deviation in voxels") double sigma;
        @Option(names = "--out", required = true, description = "filtered volume (.npy, .tif, .raw)") Path out;
        @Option(names = "--json") Path json;
        @Option(names = "--repeat", defaultValue = "1") int repeat;

        @Override
        public Integer call() {
            VolumeIO.checkWritable(out, "--out");
            if (!(sigma > 0 && sigma <= 100)) throw new InputException("--sigma", "sigma", "a number in (0, 100] voxels", String.valueOf(sigma));
            Volume16 v = readGrey(in);
            Timed<Volume16> t = bestOf(repeat, () -> GaussianFilter.filter(v, sigma, new ConsoleProgress("gaussian")));
            write(out, t.result());
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in);
            j.put("shape", new int[] {v.nz(), v.ny(), v.nx()});
            j.put("filter", "gaussian");
            j.put("sigma_voxels", sigma);
            j.put("kernel_radius", GaussianFilter.kernel(sigma).length / 2);
            j.put("elapsed_ms", t.bestMs());
            json(json, j);
            Main.out().printf("gaussian σ %.3g of [%d, %d, %d]: %.0f ms%n", sigma, v.nz(), v.ny(), v.nx(), t.bestMs());
            return 0;
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Opening (erosion then dilation) of a uint16 volume, or of a uint8 mask, with a ball or cube of radius r; outside voxels are ignored.")
    static final class Open implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN", description = "uint16 volume or uint8 mask (" + VolumeIO.FORMATS + ")") String in;
        @Option(names = "--ball", description = "ball of this radius (default 3)") Integer ball;
        @Option(names = "--cube", description = "cube of this radius") Integer cube;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--json") Path json;
        @Option(names = "--repeat", defaultValue = "1") int repeat;

        @Override
        public Integer call() {
            VolumeIO.checkWritable(out, "--out");
            Structure st = element(ball, cube, 3);
            VolumeData d = VolumeIO.read(in);
            if (d.slices() instanceof byte[][] b) {
                Mask3 m = new Mask3(d.nx(), d.ny(), d.nz(), binary(b));
                Timed<Mask3> t = bestOf(repeat, () -> BinaryMorphology.open(m, st));
                VolumeIO.write(out, new VolumeData(d.nz(), d.ny(), d.nx(), t.result().slices(), d.voxelUm()));
                report(d, st, true, t.bestMs());
                return 0;
            }
            Volume16 v = CtVolumes.grey(d, in, CtVolumes.voxelUm(d, null));
            Timed<Volume16> t = bestOf(repeat, () -> Morphology3D.open(v, st));
            write(out, t.result());
            report(d, st, false, t.bestMs());
            return 0;
        }

        private void report(VolumeData d, Structure st, boolean mask, double best) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in);
            j.put("operation", (mask ? "binary" : "grey") + " opening");
            j.put("structure", st.name());
            j.put("elapsed_ms", best);
            json(json, j);
            Main.out().printf("%s opening with %s of [%d, %d, %d]: %.0f ms%n", mask ? "binary" : "grey", st.name(), d.nz(), d.ny(), d.nx(), best);
        }
    }

    @Command(name = "interface", mixinStandardHelpOptions = true,
            description = {"Roughness of the interface of a phase (the phase below) with what lies above, along z:",
                    "height = phase voxels per column × voxel size; least-squares plane removed; Sa, Sq, Sz, Ssk, Sku (Ra, Rq, Rz, Rsk, Rku)."})
    static final class Interface implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MASK", description = "segmented volume (" + VolumeIO.FORMATS + ")") String in;
        @Option(names = "--phase", description = "voxel value of the phase (default: every non-zero voxel)") Integer phaseValue;
        @Option(names = "--voxel-um", description = "voxel edge in µm (default: from the file, else 1)") Double voxelUm;
        @Option(names = "--out", description = "height map (µm), float32: 2D .npy [ny, nx], or one slice of .tif / .raw") Path out;
        @Option(names = "--json") Path json;

        @Override
        public Integer call() {
            if (out != null) VolumeIO.checkWritable(out, "--out");
            if (voxelUm != null) InputException.requirePositive("--voxel-um", "voxel size", voxelUm);
            VolumeData data = VolumeIO.read(in);
            double voxelUm = CtVolumes.voxelUm(data, this.voxelUm);
            Mask3 m = CtVolumes.phase(data, phaseValue);
            data = null;
            long t0 = System.nanoTime();
            var r = org.solidscope.tomo.InterfaceRoughness.of(m, voxelUm);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (out != null) {
                float[] h = new float[r.heightUm().length];
                for (int i = 0; i < h.length; i++) h[i] = (float) r.heightUm()[i];
                if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) Npy.write2D(out, r.ny(), r.nx(), h);
                else VolumeIO.write(out, new VolumeData(1, r.ny(), r.nx(), new float[][] {h}, voxelUm));
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in);
            j.put("voxel_um", voxelUm);
            j.put("height_rule", "phase voxels per column x voxel size; least-squares plane removed");
            j.put("ra_um", r.ra());
            j.put("rq_um", r.rq());
            j.put("rz_um", r.rz());
            j.put("rsk", r.rsk());
            j.put("rku", r.rku());
            j.put("mean_height_um", r.planeA() + r.planeB() * (r.nx() - 1) / 2.0 + r.planeC() * (r.ny() - 1) / 2.0);
            j.put("elapsed_ms", ms);
            json(json, j);
            Main.out().printf("Ra %.3f µm, Rq %.3f µm, Rz %.3f µm, Rsk %.3f, Rku %.3f%n", r.ra(), r.rq(), r.rz(), r.rsk(), r.rku());
            return 0;
        }
    }

    @Command(name = "threshold", mixinStandardHelpOptions = true,
            description = {"Global threshold on the full 16-bit histogram; writes the mask (v > t) as uint8, or with multi-otsu",
                    "the class of every voxel (0 for v <= t1, 1 for t1 < v <= t2, ...)."})
    static final class Threshold implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN", description = "uint16 volume (" + VolumeIO.FORMATS + ")") String in;
        @Option(names = "--method", defaultValue = "otsu",
                description = "otsu, multi-otsu, isodata, li, triangle or minimum-error (Kittler-Illingworth) (default ${DEFAULT-VALUE})") String method;
        @Option(names = "--classes", defaultValue = "3", description = "multi-otsu: number of classes (default ${DEFAULT-VALUE})") int classes;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--json") Path json;

        @Override
        public Integer call() {
            VolumeIO.checkWritable(out, "--out");
            String name = method.toLowerCase(Locale.ROOT);
            boolean multi = name.equals("multi-otsu");
            Thresholds.Method single = null;
            if (!multi) {
                try {
                    single = Thresholds.Method.valueOf(name.replace('-', '_').toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new InputException("--method", "method", "otsu, multi-otsu, isodata, li, triangle or minimum-error", "'" + method + "'");
                }
            } else if (classes < 2 || classes > 16) {
                throw new InputException("--classes", "classes", "2 … 16", String.valueOf(classes));
            }
            Volume16 v = readGrey(in);
            long t0 = System.nanoTime();
            long[] hist = Otsu.histogram(v);
            int[] t;
            try {
                t = multi ? Thresholds.multiOtsu(hist, classes) : new int[] {single.threshold(hist)};
            } catch (IllegalArgumentException e) {
                throw new InputException(in, "grey values", "enough distinct grey values for " + name, e.getMessage());
            }
            byte[][] cls = Thresholds.classify(v, t);
            double ms = (System.nanoTime() - t0) / 1e6;
            long[] perClass = new long[t.length + 1];
            for (byte[] b : cls) for (byte c : b) perClass[c]++;
            VolumeIO.write(out, new VolumeData(v.nz(), v.ny(), v.nx(), cls, v.voxelUm()));
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in);
            j.put("method", name);
            j.put("histogram_bins", 65536);
            if (multi) j.put("thresholds", t); else j.put("threshold", t[0]);
            double[] fractions = new double[perClass.length];
            for (int c = 0; c < perClass.length; c++) fractions[c] = (double) perClass[c] / v.voxels();
            if (multi) j.put("class_fractions", fractions); else j.put("foreground_fraction", fractions[1]);
            j.put("elapsed_ms", ms);
            json(json, j);
            Main.out().printf("%s threshold%s %s; %s (%.0f ms)%n", name, multi ? "s" : "", multi ? java.util.Arrays.toString(t) : String.valueOf(t[0]),
                    multi ? "class fractions " + java.util.Arrays.toString(fractions) : String.format(Locale.ROOT, "foreground %.4f", fractions[1]), ms);
            return 0;
        }
    }

    @Command(name = "label", mixinStandardHelpOptions = true,
            description = {"Connected components of a mask (non-zero = foreground); writes the labels (int32 in .npy; uint16 in .tif/.raw)",
                    "and per component: voxels, bounding box, centroid and surface area (Crofton, 13 directions)."})
    static final class Label implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN", description = "mask (" + VolumeIO.FORMATS + ")") String in;
        @Option(names = "--connectivity", defaultValue = "26", description = "6, 18 or 26 (default ${DEFAULT-VALUE})") int connectivity;
        @Option(names = "--voxel-um", description = "voxel edge in µm for volumes and areas (default: from the file, else 1)") Double voxelUm;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--components", description = "every component as CSV (label, voxels, volume, surface area, bounding box, centroid)") Path components;
        @Option(names = "--json") Path json;
        @Option(names = "--repeat", defaultValue = "1") int repeat;

        @Override
        public Integer call() {
            VolumeIO.checkWritable(out, "--out");
            if (connectivity != 6 && connectivity != 18 && connectivity != 26) {
                throw new InputException("--connectivity", "connectivity", "6, 18 or 26", String.valueOf(connectivity));
            }
            if (voxelUm != null) InputException.requirePositive("--voxel-um", "voxel size", voxelUm);
            VolumeData d = VolumeIO.read(in);
            double voxel = CtVolumes.voxelUm(d, voxelUm);
            Mask3 m = CtVolumes.phase(d, null);
            Timed<Labeling3D.Result> t = bestOf(repeat, () -> Labeling3D.label(m, connectivity));
            Labeling3D.Result r = t.result();
            // surface areas only for the outputs that report them: labelling alone does not pay for them
            double[] area = components != null || json != null ? SurfaceArea.perComponent(r) : null;
            String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".npy")) {
                Npy.writeVolume(out, r.nz(), r.ny(), r.nx(), r.labels());
            } else if (r.components().size() <= 65535) {
                short[][] s = new short[r.nz()][];
                for (int z = 0; z < r.nz(); z++) {
                    int[] l = r.labels()[z];
                    short[] o = new short[l.length];
                    for (int i = 0; i < l.length; i++) o[i] = (short) l[i];
                    s[z] = o;
                }
                VolumeIO.write(out, new VolumeData(r.nz(), r.ny(), r.nx(), s, voxel));
            } else {
                throw new InputException("--out", "labels", "at most 65,535 labels for uint16 .tif/.raw (or write .npy, int32)", r.components().size() + " labels");
            }
            double unitVolume = voxel * voxel * voxel, unitArea = voxel * voxel;
            if (components != null) {
                StringBuilder csv = new StringBuilder("label,voxels,volume_um3,surface_um2,min_x,min_y,min_z,max_x,max_y,max_z,centroid_x,centroid_y,centroid_z\n");
                for (Labeling3D.Component c : r.components()) {
                    csv.append(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%d,%d,%d,%d,%d,%d,%.4f,%.4f,%.4f%n", c.label(), c.voxels(), c.voxels() * unitVolume,
                            area[c.label()] * unitArea, c.minX(), c.minY(), c.minZ(), c.maxX(), c.maxY(), c.maxZ(), c.cx(), c.cy(), c.cz()));
                }
                AtomicOutput.writeString(components, csv.toString());
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in);
            j.put("connectivity", connectivity);
            j.put("voxel_um", voxel);
            j.put("labels", r.components().size());
            j.put("largest_voxels", r.components().stream().mapToLong(Labeling3D.Component::voxels).max().orElse(0));
            j.put("surface_rule", "Crofton formula, 13 directions (Legland et al. 2007); the volume border closes a component");
            List<Map<String, Object>> largest = new ArrayList<>();
            r.components().stream().sorted(java.util.Comparator.comparingLong(Labeling3D.Component::voxels).reversed()).limit(20).forEach(c -> {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("label", c.label());
                e.put("voxels", c.voxels());
                e.put("volume_um3", c.voxels() * unitVolume);
                e.put("surface_um2", area == null ? Double.NaN : area[c.label()] * unitArea);
                e.put("bbox_min_xyz", new int[] {c.minX(), c.minY(), c.minZ()});
                e.put("bbox_max_xyz", new int[] {c.maxX(), c.maxY(), c.maxZ()});
                e.put("centroid_xyz", new double[] {c.cx(), c.cy(), c.cz()});
                largest.add(e);
            });
            j.put("largest_components", largest);
            j.put("elapsed_ms", t.bestMs());
            json(json, j);
            Main.out().printf("%d components (%d-connected) in %.0f ms%n", r.components().size(), connectivity, t.bestMs());
            return 0;
        }
    }

    /** A ball or cube from the options; {@code defaultRadius} names the default element (cube(1) or ball(3)). */
    static Structure element(Integer ball, Integer cube, int defaultRadius) {
        if (ball != null && cube != null) throw new InputException("--ball/--cube", "structure", "one of --ball or --cube", "both");
        int r = cube != null ? cube : ball != null ? ball : defaultRadius;
        if (r < 1 || r > 50) throw new InputException(cube != null ? "--cube" : "--ball", "radius", "1 … 50", String.valueOf(r));
        boolean isCube = cube != null || (ball == null && defaultRadius == 1);
        return isCube ? Structure.cube(r) : Structure.ball(r);
    }

    /** A copy with every non-zero byte as 1 (masks from other tools may store 255); the given slices are not changed. */
    static byte[][] binary(byte[][] b) {
        byte[][] out = new byte[b.length][];
        for (int z = 0; z < b.length; z++) {
            byte[] s = b[z], o = new byte[s.length];
            for (int i = 0; i < s.length; i++) o[i] = (byte) (s[i] != 0 ? 1 : 0);
            out[z] = o;
        }
        return out;
    }
}
