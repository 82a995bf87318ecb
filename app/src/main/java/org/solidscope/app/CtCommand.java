package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import org.solidscope.io.Npy;
import org.solidscope.tomo.Labeling3D;
import org.solidscope.tomo.Mask3;
import org.solidscope.tomo.Median3;
import org.solidscope.tomo.Otsu;
import org.solidscope.tomo.Phantoms;
import org.solidscope.tomo.Volume16;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** X-ray CT volumes: the first steps of the seed's chain (median, Otsu threshold, labelling). */
@Command(name = "ct", mixinStandardHelpOptions = true,
        description = "CT volumes (uint16 .npy, [nz, ny, nx]): 3x3x3 median, Otsu threshold, connected components, phantoms.",
        subcommands = {CtPipelineCommand.class, CtReconstructCommand.class, CtTortuosityCommand.class, CtCommand.Phantom.class, CtCommand.Median.class, CtCommand.Open.class, CtCommand.Threshold.class, CtCommand.Label.class,
                CtCommand.Interface.class},
        footer = {"", "Examples:", "  solidscope ct phantom --size 256 --out vol.npy",
                "  solidscope ct median vol.npy --out med.npy --json med.json",
                "  solidscope ct open med.npy --ball 3 --out opened.npy --json open.json",
                "  solidscope ct threshold med.npy --out mask.npy --json t.json",
                "  solidscope ct label mask.npy --connectivity 26 --out labels.npy --json l.json",
                "  solidscope ct interface anode.npy --voxel-um 0.65 --out height.npy --json roughness.json"})
final class CtCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static Volume16 read(Path in) {
        int[] shape = new int[3];
        short[][] s = Npy.readVolumeU16(in, shape);
        return new Volume16(shape[2], shape[1], shape[0], 1.0, s);
    }

    static void checkOut(Path out) {
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            throw new InputException("--out", "extension", ".npy", "'" + out.getFileName() + "'");
        }
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

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--out", required = true)
        Path out;

        @Override
        public Integer call() {
            checkOut(out);
            if (size < 2 || size > 1024) throw new InputException("--size", "size", "2 … 1024", String.valueOf(size));
            if (!kind.equals("porous") && !kind.equals("cell")) throw new InputException("--kind", "kind", "porous or cell", kind);
            Volume16 v = kind.equals("cell") ? Phantoms.cell(size, size, size, amplitude, seed) : Phantoms.porous(size, porosity, seed);
            Npy.writeVolume(out, size, size, size, v.slices());
            System.out.printf("wrote %s: uint16 [%d, %d, %d]%n", out, size, size, size);
            return 0;
        }
    }

    @Command(name = "median", mixinStandardHelpOptions = true, description = "Exact 3x3x3 median (edges as SciPy's mode='reflect').")
    static final class Median implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN") Path in;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--json") Path json;
        @Option(names = "--repeat", defaultValue = "1", description = "run N times and report the best elapsed_ms (for benchmarks)") int repeat;

        @Override
        public Integer call() {
            checkOut(out);
            Volume16 v = read(in);
            Timed<Volume16> t = bestOf(repeat, () -> Median3.filter(v, new ConsoleProgress("median")));
            Volume16 m = t.result();
            double best = t.bestMs();
            Npy.writeVolume(out, v.nz(), v.ny(), v.nx(), m.slices());
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in.toString());
            j.put("shape", new int[] {v.nz(), v.ny(), v.nx()});
            j.put("filter", "median 3x3x3");
            j.put("elapsed_ms", best);
            j.put("threads", Runtime.getRuntime().availableProcessors());
            json(json, j);
            System.out.printf("median 3x3x3 of [%d, %d, %d]: %.0f ms%n", v.nz(), v.ny(), v.nx(), best);
            return 0;
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Opening (erosion then dilation) of a uint16 volume, or of a uint8 mask, with a ball or cube of radius r; outside voxels are ignored.")
    static final class Open implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN", description = "uint16 volume or uint8 mask (.npy)") Path in;
        @Option(names = "--ball", description = "ball of this radius (default 3)") Integer ball;
        @Option(names = "--cube", description = "cube of this radius") Integer cube;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--json") Path json;
        @Option(names = "--repeat", defaultValue = "1") int repeat;

        @Override
        public Integer call() {
            checkOut(out);
            if (ball != null && cube != null) throw new InputException("--ball/--cube", "structure", "one of --ball or --cube", "both");
            int r = cube != null ? cube : ball != null ? ball : 3;
            if (r < 1 || r > 50) throw new InputException(cube != null ? "--cube" : "--ball", "radius", "1 … 50", String.valueOf(r));
            org.solidscope.tomo.Structure st = cube != null ? org.solidscope.tomo.Structure.cube(r) : org.solidscope.tomo.Structure.ball(r);
            Npy.Header h = Npy.readHeader(in);
            boolean mask = h.type().equals("u1");
            if (mask) {
                int[] shape = new int[3];
                byte[][] b = Npy.readVolumeU8(in, shape);
                int nz = shape[0], ny = shape[1], nx = shape[2];
                Mask3 m = new Mask3(nx, ny, nz, b);
                Timed<Mask3> t = bestOf(repeat, () -> org.solidscope.tomo.BinaryMorphology.open(m, st));
                Npy.writeVolume(out, nz, ny, nx, t.result().slices());
                report(nz, ny, nx, st, true, t.bestMs());
                return 0;
            }
            Volume16 v = read(in);
            Timed<Volume16> t = bestOf(repeat, () -> org.solidscope.tomo.Morphology3D.open(v, st));
            Npy.writeVolume(out, v.nz(), v.ny(), v.nx(), t.result().slices());
            report(v.nz(), v.ny(), v.nx(), st, false, t.bestMs());
            return 0;
        }

        private void report(int nz, int ny, int nx, org.solidscope.tomo.Structure st, boolean mask, double best) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in.toString());
            j.put("operation", (mask ? "binary" : "grey") + " opening");
            j.put("structure", st.name());
            j.put("elapsed_ms", best);
            json(json, j);
            System.out.printf("%s opening with %s of [%d, %d, %d]: %.0f ms%n", mask ? "binary" : "grey", st.name(), nz, ny, nx, best);
        }
    }

    @Command(name = "interface", mixinStandardHelpOptions = true,
            description = {"Roughness of the interface of a phase (uint8 mask, the phase below) with what lies above, along z:",
                    "height = phase voxels per column × voxel size; least-squares plane removed; Sa, Sq, Sz, Ssk, Sku (Ra, Rq, Rz, Rsk, Rku)."})
    static final class Interface implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "MASK") Path in;
        @Option(names = "--voxel-um", required = true, description = "voxel edge in µm") double voxelUm;
        @Option(names = "--out", description = "height map (µm) as 2D float32 .npy [ny, nx]") Path out;
        @Option(names = "--json") Path json;

        @Override
        public Integer call() {
            if (out != null) checkOut(out);
            InputException.requirePositive("--voxel-um", "voxel size", voxelUm);
            int[] shape = new int[3];
            byte[][] b = Npy.readVolumeU8(in, shape);
            Mask3 m = new Mask3(shape[2], shape[1], shape[0], b);
            long t0 = System.nanoTime();
            var r = org.solidscope.tomo.InterfaceRoughness.of(m, voxelUm);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (out != null) {
                float[] h = new float[r.heightUm().length];
                for (int i = 0; i < h.length; i++) h[i] = (float) r.heightUm()[i];
                Npy.write2D(out, r.ny(), r.nx(), h);
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in.toString());
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
            System.out.printf("Ra %.3f µm, Rq %.3f µm, Rz %.3f µm, Rsk %.3f, Rku %.3f%n", r.ra(), r.rq(), r.rz(), r.rsk(), r.rku());
            return 0;
        }
    }

    @Command(name = "threshold", mixinStandardHelpOptions = true, description = "Otsu threshold on the full 16-bit histogram; writes the mask (v > t) as uint8.")
    static final class Threshold implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN") Path in;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--json") Path json;

        @Override
        public Integer call() {
            checkOut(out);
            Volume16 v = read(in);
            long t0 = System.nanoTime();
            int t = Otsu.threshold(Otsu.histogram(v));
            Mask3 m = Otsu.apply(v, t);
            double ms = (System.nanoTime() - t0) / 1e6;
            Npy.writeVolume(out, v.nz(), v.ny(), v.nx(), m.slices());
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in.toString());
            j.put("method", "otsu");
            j.put("threshold", t);
            j.put("foreground_fraction", (double) m.count() / v.voxels());
            j.put("elapsed_ms", ms);
            json(json, j);
            System.out.printf("otsu threshold %d; foreground %.4f (%.0f ms)%n", t, (double) m.count() / v.voxels(), ms);
            return 0;
        }
    }

    @Command(name = "label", mixinStandardHelpOptions = true, description = "Connected components of a uint8 mask (non-zero = foreground); writes int32 labels.")
    static final class Label implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "IN") Path in;
        @Option(names = "--connectivity", defaultValue = "26", description = "6, 18 or 26 (default ${DEFAULT-VALUE})") int connectivity;
        @Option(names = "--out", required = true) Path out;
        @Option(names = "--json") Path json;
        @Option(names = "--repeat", defaultValue = "1") int repeat;

        @Override
        public Integer call() {
            checkOut(out);
            if (connectivity != 6 && connectivity != 18 && connectivity != 26) {
                throw new InputException("--connectivity", "connectivity", "6, 18 or 26", String.valueOf(connectivity));
            }
            int[] shape = new int[3];
            byte[][] s = Npy.readVolumeU8(in, shape);
            int nz = shape[0], ny = shape[1], nx = shape[2];
            Mask3 m = new Mask3(nx, ny, nz, s);
            Timed<Labeling3D.Result> t = bestOf(repeat, () -> Labeling3D.label(m, connectivity));
            Labeling3D.Result r = t.result();
            double best = t.bestMs();
            Npy.writeVolume(out, nz, ny, nx, r.labels());
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("input", in.toString());
            j.put("connectivity", connectivity);
            j.put("labels", r.components().size());
            j.put("largest_voxels", r.components().stream().mapToLong(Labeling3D.Component::voxels).max().orElse(0));
            j.put("elapsed_ms", best);
            json(json, j);
            System.out.printf("%d components (%d-connected) in %.0f ms%n", r.components().size(), connectivity, best);
            return 0;
        }
    }
}
