package org.solidscope.app;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.solidscope.core.InputException;
import org.solidscope.io.Npy;
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
                "(.npy [angles, rows, detectors]); line integrals, or raw intensities with --flat (and --dark).",
                "Writes float32 slices [rows, size, size] (.npy, .tif or .raw; a 2D .npy [size, size] for a sinogram), values per pixel."},
        footer = {"", "Examples:", "  solidscope ct reconstruct sino.npy --out slice.npy --json recon.json",
                "  solidscope ct reconstruct proj.npy --flat flat.npy --dark dark.npy --ring sorting --filter shepp-logan --out vol.npy"})
final class CtReconstructCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "sinogram or projection stack (.npy)") Path in;
    @Option(names = "--flat", description = "open-beam frame(s), .npy of [rows, detectors] or [k, rows, detectors]; marks IN as raw intensities") Path flat;
    @Option(names = "--dark", description = "dark frame(s), as --flat") Path dark;
    @Option(names = "--range", defaultValue = "180", description = "the angles cover this many degrees evenly, end excluded: 180 or 360 (default ${DEFAULT-VALUE})") double rangeDeg;
    @Option(names = "--centre", defaultValue = "auto", description = "detector bin of the rotation axis, or auto (default ${DEFAULT-VALUE})") String centre;
    @Option(names = "--filter", defaultValue = "ramp", description = "ramp, shepp-logan or hann (default ${DEFAULT-VALUE})") String filter;
    @Option(names = "--ring", defaultValue = "none", description = "ring removal: none, sorting or filtering (default ${DEFAULT-VALUE})") String ring;
    @Option(names = "--ring-size", defaultValue = "11", description = "median window across the detector, odd (default ${DEFAULT-VALUE})") int ringSize;
    @Option(names = "--ring-sigma", defaultValue = "3", description = "filtering: Gaussian σ along the angles (default ${DEFAULT-VALUE})") double ringSigma;
    @Option(names = "--size", description = "slice edge in pixels (default: the detector width)") Integer size;
    @Option(names = "--out", required = true) Path out;
    @Option(names = "--json") Path json;
    @Option(names = "--repeat", defaultValue = "1", description = "reconstruct N times, report the best elapsed_ms (benchmarks)") int repeat;

    @Override
    public Integer call() {
        org.solidscope.io.VolumeIO.checkWritable(out, "--out");
        if (rangeDeg != 180 && rangeDeg != 360) throw new InputException("--range", "range", "180 or 360", String.valueOf(rangeDeg));
        FbpFilter f = parse("--filter", () -> FbpFilter.parse(filter));
        RingRemoval.Method rm = parse("--ring", () -> RingRemoval.Method.parse(ring));
        if (ringSize < 3 || ringSize % 2 == 0) throw new InputException("--ring-size", "size", "an odd number ≥ 3", String.valueOf(ringSize));
        if (!(ringSigma > 0)) throw new InputException("--ring-sigma", "sigma", "> 0", String.valueOf(ringSigma));

        Npy.Header h = Npy.readHeader(in);
        int angles, rows, det;
        float[][] proj;
        boolean sinogramInput = h.shape().length == 2;
        if (sinogramInput) {
            Npy.Array2D a = Npy.read2D(in);
            angles = a.height(); rows = 1; det = a.width();
            proj = new float[angles][];
            for (int i = 0; i < angles; i++) proj[i] = java.util.Arrays.copyOfRange(a.values(), i * det, (i + 1) * det);
        } else if (h.shape().length == 3) {
            int[] shape = new int[3];
            proj = Npy.readVolumeF32(in, shape);
            angles = shape[0]; rows = shape[1]; det = shape[2];
        } else {
            throw new InputException(in.toString(), "shape", "[angles, detectors] or [angles, rows, detectors]", java.util.Arrays.toString(h.shape()));
        }
        if (angles < 3 || det < 2) throw new InputException(in.toString(), "shape", "at least 3 angles and 2 detector bins", angles + " angles, " + det + " bins");
        float[] flatFrame = flat == null ? null : frame(flat, rows * det);
        float[] darkFrame = dark == null ? null : frame(dark, rows * det);
        if (dark != null && flat == null) throw new InputException("--dark", "flat", "--flat as well", "only --dark");
        int n = size == null ? det : size;
        if (n < 2 || n > 16384) throw new InputException("--size", "size", "2 … 16384", String.valueOf(n));
        double[] anglesRad = Sinogram.evenAngles(angles, rangeDeg);

        double best = Double.MAX_VALUE;
        float[][] slices = null;
        double axis = 0, mismatch = Double.NaN;
        int clipped = 0;
        for (int rep = 0; rep < Math.max(1, repeat); rep++) {
            float[][] p = proj;
            long t0 = System.nanoTime();
            if (flatFrame != null) {
                p = new float[angles][];
                clipped = 0;
                for (int a = 0; a < angles; a++) {
                    p[a] = proj[a].clone();
                    clipped += ProjectionCorrection.toLineIntegrals(p[a], flatFrame, darkFrame);
                }
            }
            if (centre.equals("auto")) {
                RotationCentre.Result c = RotationCentre.find(VolumeReconstruction.sinogram(p, rows, det, anglesRad, rows / 2));
                axis = c.centre();
                mismatch = c.mismatch();
            } else {
                axis = parse("--centre", () -> Double.parseDouble(centre));
            }
            VolumeReconstruction.Settings st = new VolumeReconstruction.Settings(f, axis, n, rm, ringSize, ringSigma);
            slices = VolumeReconstruction.reconstruct(p, rows, det, anglesRad, st,
                    rep == 0 && rows > 1 ? new ConsoleProgress("reconstruct") : org.solidscope.core.Progress.NONE);
            best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        if (sinogramInput && out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".npy")) Npy.write2D(out, n, n, slices[0]);
        else org.solidscope.io.VolumeIO.write(out, new org.solidscope.io.VolumeData(rows, n, n, slices, Double.NaN));
        double updates = (double) n * n * angles * rows;
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("input", in.toString());
        j.put("angles", angles);
        j.put("range_deg", rangeDeg);
        j.put("rows", rows);
        j.put("detectors", det);
        j.put("size", n);
        j.put("centre", axis);
        j.put("centre_search", centre.equals("auto") ? "auto (mirror of the projection half a turn later)" : "given");
        if (!Double.isNaN(mismatch)) j.put("centre_mismatch", mismatch);
        j.put("filter", f.label());
        j.put("ring_removal", rm.name().toLowerCase(java.util.Locale.ROOT));
        if (flatFrame != null) j.put("clipped_pixels", clipped);
        j.put("elapsed_ms", best);
        j.put("gvoxel_updates_per_s", updates / (best * 1e6));
        j.put("threads", Runtime.getRuntime().availableProcessors());
        CtCommand.json(json, j);
        System.out.printf("reconstructed %d slice(s) of %d x %d from %d angles; centre %.2f; %.0f ms (%.2f G voxel-updates/s)%n",
                rows, n, n, angles, axis, best, updates / (best * 1e6));
        if (clipped > 0) System.out.printf("note: %d pixel values had I - dark <= 0 or flat <= dark and were clipped%n", clipped);
        return 0;
    }

    private float[] frame(Path file, int pixels) {
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
