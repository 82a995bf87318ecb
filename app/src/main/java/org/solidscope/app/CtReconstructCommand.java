package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.InputException;
import org.solidscope.io.Npy;
import org.solidscope.io.VolumeRows;
import org.solidscope.io.VolumeWriter;
import org.solidscope.tomo.recon.FbpFilter;
import org.solidscope.tomo.recon.ProjectionCorrection;
import org.solidscope.tomo.recon.RingRemoval;
import org.solidscope.tomo.recon.RotationCentre;
import org.solidscope.tomo.recon.Sinogram;
import org.solidscope.tomo.recon.VolumeReconstruction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ct reconstruct}: flat/dark, −log, centre of rotation, ring removal and FBP of parallel-beam data. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = {"Parallel-beam filtered back-projection of a sinogram (.npy [angles, detectors]) or a projection stack",
                "[angles, rows, detectors] in any volume format; line integrals, or raw intensities with --flat (and --dark).",
                "Stacks are read and reconstructed a block of detector rows at a time, so they may be larger than the heap.",
                "Writes float32 slices [rows, size, size] (.npy, .tif or .raw; a 2D .npy [size, size] for a sinogram), values per pixel."},
        footer = {"", "Examples:", "  solidscope ct reconstruct sino.npy --out slice.npy --json recon.json",
                "  solidscope ct reconstruct proj.npy --flat flat.npy --dark dark.npy --ring sorting --filter shepp-logan --out vol.npy"})
final class CtReconstructCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "sinogram (.npy [angles, detectors]) or projection stack [angles, rows, detectors] (" + org.solidscope.io.VolumeIO.FORMATS + ")") Path in;
    @Option(names = "--flat", description = "open-beam frame(s) [rows, detectors] or [k, rows, detectors] (.npy or any volume format, e.g. f.h5:/exchange/data_white); "
            + "marks IN as raw intensities (a Data Exchange file's own are taken when not given)") String flat;
    @Option(names = "--dark", description = "dark frame(s), as --flat") String dark;
    @Option(names = "--range", description = "the angles cover this many degrees evenly, end excluded: 180 or 360 (default: the file's own angles "
            + "(Data Exchange /exchange/theta), else 180)") Double rangeGiven;
    double rangeDeg = 180;
    String anglesFrom = "evenly over --range";
    @Option(names = "--centre", defaultValue = "auto", description = "detector bin of the rotation axis, or auto (default ${DEFAULT-VALUE})") String centre;
    @Option(names = "--filter", defaultValue = "ramp", description = "ramp, shepp-logan or hann (default ${DEFAULT-VALUE})") String filter;
    @Option(names = "--ring", defaultValue = "none", description = "ring removal: none, sorting or filtering (default ${DEFAULT-VALUE})") String ring;
    @Option(names = "--ring-size", defaultValue = "11", description = "median window across the detector, odd (default ${DEFAULT-VALUE})") int ringSize;
    @Option(names = "--ring-sigma", defaultValue = "3", description = "filtering: Gaussian σ along the angles (default ${DEFAULT-VALUE})") double ringSigma;
    @Option(names = "--size", description = "slice edge in pixels (default: the detector width)") Integer size;
    @Option(names = "--out", required = true) Path out;
    @Option(names = "--json") Path json;
    @Option(names = "--repeat", defaultValue = "1", description = "reconstruct N times, report the best elapsed_ms (benchmarks)") int repeat;
    @Option(names = "--block-rows", description = "detector rows read and reconstructed at a time (default: as many as a quarter of the heap holds)") Integer blockRows;

    @Override
    public Integer call() {
        org.solidscope.io.VolumeIO.checkWritable(out, "--out");
        if (rangeGiven != null) rangeDeg = rangeGiven;
        if (rangeDeg != 180 && rangeDeg != 360) throw new InputException("--range", "range", "180 or 360", String.valueOf(rangeDeg));
        // a Data Exchange file brings its flats, darks and angles; given options win
        org.solidscope.io.DataExchange dx = org.solidscope.io.DataExchange.of(in.toString());
        double[] fileAngles = null;
        if (dx != null) {
            in = Path.of(dx.projections());
            if (flat == null && dx.flats() != null) {
                flat = dx.flats();
                if (dark == null && dx.darks() != null) dark = dx.darks();
            }
            if (rangeGiven == null) fileAngles = dx.thetaRad();
            Main.out().printf("%s: projections %s%s%s%s%n", dx.projections().contains(":/exchange/") ? "Data Exchange" : "NXtomo (split by image_key)", dx.projections(), flat != null ? ", flats " + flat : "", dark != null ? ", darks " + dark : "",
                    fileAngles != null ? ", " + fileAngles.length + " angles from the file" : "");
        }
        FbpFilter f = parse("--filter", () -> FbpFilter.parse(filter));
        RingRemoval.Method rm = parse("--ring", () -> RingRemoval.Method.parse(ring));
        if (ringSize < 3 || ringSize % 2 == 0) throw new InputException("--ring-size", "size", "an odd number ≥ 3", String.valueOf(ringSize));
        if (!(ringSigma > 0)) throw new InputException("--ring-sigma", "sigma", "> 0", String.valueOf(ringSigma));

        String name = in.toString().toLowerCase(java.util.Locale.ROOT);
        boolean sinogramInput = name.endsWith(".npy") && Npy.readHeader(in).shape().length == 2;
        int angles, rows, det;
        RowSource source;
        VolumeRows stack = null;
        if (sinogramInput) {
            Npy.Array2D a = Npy.read2D(in);
            angles = a.height(); rows = 1; det = a.width();
            source = (angle, y0, count, dest) -> System.arraycopy(a.values(), angle * a.width(), dest, 0, a.width());
        } else {
            stack = VolumeRows.open(in.toString()); // any volume format; rows are read a block at a time
            angles = stack.nz; rows = stack.ny; det = stack.nx;
            source = stack::read;
        }
        try {
            if (angles < 3 || det < 2) throw new InputException(in.toString(), "shape", "at least 3 angles and 2 detector bins", angles + " angles, " + det + " bins");
            float[] flatFrame = flat == null ? null : frame(flat, rows * det);
            float[] darkFrame = dark == null ? null : frame(dark, rows * det);
            if (dark != null && flat == null) throw new InputException("--dark", "flat", "--flat as well", "only --dark");
            int n = size == null ? det : size;
            if (n < 2 || n > 16384) throw new InputException("--size", "size", "2 … 16384", String.valueOf(n));
            if (blockRows != null && blockRows < 1) throw new InputException("--block-rows", "rows", "≥ 1", String.valueOf(blockRows));
            double[] anglesRad = Sinogram.evenAngles(angles, rangeDeg);
            if (fileAngles != null) {
                if (fileAngles.length != angles) {
                    throw new InputException(in.toString(), "angles", angles + " angles (one per projection)", fileAngles.length + " angles");
                }
                anglesRad = fileAngles;
                anglesFrom = dx.projections().contains(":/exchange/") ? "/exchange/theta" : "rotation_angle";
            }
            // rows per block: projections and slices of a block within a quarter of the heap
            long perRow = 4L * ((long) angles * det * 2 + (long) n * n);
            int block = blockRows != null ? Math.min(blockRows, rows) : (int) Math.max(1, Math.min(rows, Runtime.getRuntime().maxMemory() / 4 / perRow));

            double compute = 0;
            double axis;
            double mismatch = Double.NaN;
            if (centre.equals("auto")) {
                float[][] mid = readBlock(source, angles, rows / 2, 1, det, flatFrame, darkFrame, null);
                long t0 = System.nanoTime();
                RotationCentre.Result c = RotationCentre.find(VolumeReconstruction.sinogram(mid, 1, det, anglesRad, 0));
                compute += (System.nanoTime() - t0) / 1e6;
                axis = c.centre();
                mismatch = c.mismatch();
            } else {
                axis = parse("--centre", () -> Double.parseDouble(centre));
            }
            VolumeReconstruction.Settings st = new VolumeReconstruction.Settings(f, axis, n, rm, ringSize, ringSigma);
            ConsoleProgress bar = rows > 1 ? new ConsoleProgress("reconstruct") : null;
            int[] clipped = new int[1];
            float[] single = null;
            // a sinogram into .npy gives a 2D slice; everything else is written slice by slice as it is made
            boolean slice2d = sinogramInput && out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy");
            try (VolumeWriter writer = slice2d ? null : VolumeWriter.open(out, rows, n, n, "float32", Double.NaN)) {
                for (int r0 = 0; r0 < rows; r0 += block) {
                    int count = Math.min(block, rows - r0), first = r0;
                    float[][] p = readBlock(source, angles, r0, count, det, flatFrame, darkFrame, clipped);
                    org.solidscope.core.Progress progress = bar == null ? org.solidscope.core.Progress.NONE : (d, t) -> bar.update(first + d, rows);
                    double best = Double.MAX_VALUE;
                    float[][] slices = null;
                    for (int rep = 0; rep < Math.max(1, repeat); rep++) {
                        long t0 = System.nanoTime();
                        slices = VolumeReconstruction.reconstruct(p, count, det, anglesRad, st, rep == 0 ? progress : org.solidscope.core.Progress.NONE);
                        best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                    }
                    compute += best;
                    if (writer == null) single = slices[0];
                    else for (float[] slice : slices) writer.write(slice);
                }
                if (writer != null) writer.commit();
            }
            if (single != null) Npy.write2D(out, n, n, single);
            report(angles, rows, det, n, axis, mismatch, f, rm, flatFrame != null ? clipped[0] : -1, compute, block);
            return 0;
        } finally {
            if (stack != null) stack.close();
        }
    }

    /** Reads detector rows r0 … r0 + count − 1 of one projection. */
    @FunctionalInterface
    interface RowSource {
        void read(int angle, int r0, int count, float[] dest);
    }

    /** A block of rows from every projection, as line integrals (flat/dark corrected when frames are given). */
    private static float[][] readBlock(RowSource source, int angles, int r0, int count, int det, float[] flat, float[] dark, int[] clipped) {
        float[][] p = new float[angles][count * det];
        float[] f = flat == null ? null : java.util.Arrays.copyOfRange(flat, r0 * det, (r0 + count) * det);
        float[] d = dark == null ? null : java.util.Arrays.copyOfRange(dark, r0 * det, (r0 + count) * det);
        for (int a = 0; a < angles; a++) {
            source.read(a, r0, count, p[a]);
            if (f != null) {
                int c = ProjectionCorrection.toLineIntegrals(p[a], f, d);
                if (clipped != null) clipped[0] += c;
            }
        }
        return p;
    }

    private void report(int angles, int rows, int det, int n, double axis, double mismatch, FbpFilter f, RingRemoval.Method rm, int clipped, double best, int block) {
        double updates = (double) n * n * angles * rows;
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("input", in.toString());
        j.put("angles", angles);
        j.put("range_deg", rangeDeg);
        j.put("angles_from", anglesFrom);
        j.put("rows", rows);
        j.put("detectors", det);
        j.put("size", n);
        j.put("centre", axis);
        j.put("centre_search", centre.equals("auto") ? "auto (mirror of the projection half a turn later)" : "given");
        if (!Double.isNaN(mismatch)) j.put("centre_mismatch", mismatch);
        j.put("filter", f.label());
        j.put("ring_removal", rm.name().toLowerCase(java.util.Locale.ROOT));
        if (clipped >= 0) j.put("clipped_pixels", clipped);
        j.put("block_rows", block);
        j.put("elapsed_ms", best);
        j.put("gvoxel_updates_per_s", updates / (best * 1e6));
        j.put("threads", Runtime.getRuntime().availableProcessors());
        CtCommand.json(json, j);
        Main.out().printf("reconstructed %d slice(s) of %d x %d from %d angles; centre %.2f; %.0f ms (%.2f G voxel-updates/s)%n",
                rows, n, n, angles, axis, best, updates / (best * 1e6));
        if (clipped > 0) Main.out().printf("note: %d pixel values had I - dark <= 0 or flat <= dark and were clipped%n", clipped);
    }

    private float[] frame(String spec, int pixels) {
        if (!spec.toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) { // any volume format: [k, rows, detectors]
            org.solidscope.io.VolumeData v = org.solidscope.io.VolumeIO.read(spec);
            if ((long) v.ny() * v.nx() != pixels) {
                throw new InputException(spec, "shape", "[k, rows, detectors] with rows × detectors = " + pixels, "[" + v.nz() + ", " + v.ny() + ", " + v.nx() + "]");
            }
            float[][] frames = new float[v.nz()][];
            for (int z = 0; z < v.nz(); z++) frames[z] = v.sliceAsFloat(z);
            return ProjectionCorrection.mean(frames);
        }
        Path file = Path.of(spec);
        Npy.Header h = Npy.readHeader(file);
        long e = h.elements();
        if (e % pixels != 0 || e == 0) {
            throw new InputException(file.toString(), "shape", "frames of " + pixels + " pixels (rows × detectors of IN)", java.util.Arrays.toString(h.shape()));
        }
        float[][] frames;
        if (h.shape().length == 3) {
            if (h.shape()[1] * h.shape()[2] != pixels) {
                throw new InputException(file.toString(), "shape", "[k, rows, detectors] with rows × detectors = " + pixels, java.util.Arrays.toString(h.shape()));
            }
            int[] shape = new int[3];
            frames = Npy.readVolumeF32(file, shape); // [k, rows, detectors]: a frame per slice
        } else if (h.shape().length == 2) {
            float[] all = Npy.read2D(file).values();  // [rows, detectors], or [k, detectors] for a sinogram
            frames = new float[(int) (e / pixels)][];
            for (int i = 0; i < frames.length; i++) frames[i] = java.util.Arrays.copyOfRange(all, i * pixels, (i + 1) * pixels);
        } else {
            throw new InputException(file.toString(), "shape", "2 or 3 dimensions", java.util.Arrays.toString(h.shape()));
        }
        return ProjectionCorrection.mean(frames);
    }

    private static <T> T parse(String option, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new InputException(option, "value", "see --help", e.getMessage());
        }
    }
}
