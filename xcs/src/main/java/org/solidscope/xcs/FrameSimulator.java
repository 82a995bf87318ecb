package org.solidscope.xcs;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.Progress;
import org.solidscope.io.xcs.FrameFile;
import org.solidscope.io.xcs.SpectrumCube;

/**
 * Raw detector frames with known truth: each pixel's offset, noise, gain and intercept (its {@link Detector}), photons
 * drawn from per-pixel spectra (a simulated XCS image, or a calibration source), and charge sharing by the size of the
 * charge cloud — a photon lands uniformly within its pixel and a Gaussian cloud of σ = {@code cloudSigmaMm} puts the
 * share that crosses an edge into the neighbour, so photons near edges and corners make two-, three- and four-pixel
 * clusters as in a real CdZnTe pixel detector.
 */
public final class FrameSimulator {
    private FrameSimulator() {}

    /** A detector's true per-pixel properties. */
    public record Detector(int rows, int cols, float[] offsetAdu, float[] noiseAdu, float[] gradientKevPerAdu, float[] interceptKev, boolean[] dead) {}

    /**
     * HEXITEC-like pixels: offset 300 ± 20 ADU, gradient 0.025 keV/ADU ± 5 %, intercept 0 ± 0.3 keV, noise 0.12 keV
     * (1σ) ± 10 %, {@code deadShare} of pixels dead (stuck at their offset, no noise, no response).
     */
    public static Detector detector(int rows, int cols, double deadShare, long seed) {
        int n = rows * cols;
        SplittableRandom r = new SplittableRandom(seed);
        float[] off = new float[n], noise = new float[n], g = new float[n], ic = new float[n];
        boolean[] dead = new boolean[n];
        for (int p = 0; p < n; p++) {
            off[p] = (float) (300 + 20 * r.nextGaussian());
            g[p] = (float) (0.025 * (1 + 0.05 * r.nextGaussian()));
            ic[p] = (float) (0.3 * r.nextGaussian());
            noise[p] = (float) (0.12 * (1 + 0.1 * r.nextGaussian()) / g[p]);
            dead[p] = r.nextDouble() < deadShare;
        }
        return new Detector(rows, cols, off, noise, g, ic, dead);
    }

    /**
     * @param frames          frames with photons
     * @param darkFrames      frames without photons written first
     * @param photonsPerFrame mean photons per frame (Poisson)
     * @param cloudSigmaMm    charge cloud 1σ
     * @param pitchMm         pixel pitch
     * @param frameRateHz     written to the sidecar
     */
    public record Settings(long frames, int darkFrames, double photonsPerFrame, double cloudSigmaMm, double pitchMm, double frameRateHz, long seed) {
        public static Settings defaults(long frames) { return new Settings(frames, 1000, 20, 0.012, 0.25, 9000, 7); }
    }

    /** Writes dark frames then photon frames (photons from {@code source}, keV) to {@code out}, with the sidecar. */
    public static void write(Path out, SpectrumCube source, Detector det, Settings s, Progress progress) {
        int rows = det.rows(), cols = det.cols(), n = rows * cols, bins = source.bins();
        double[] pixelCdf = new double[n];
        float[] binCdf = new float[n * bins];
        double total = 0;
        for (int p = 0; p < n; p++) {
            double acc = 0;
            for (int b = 0; b < bins; b++) {
                acc += Math.max(0, source.counts()[p * bins + b]);
                binCdf[p * bins + b] = (float) acc;
            }
            total += det.dead()[p] ? 0 : acc;
            pixelCdf[p] = total;
        }
        double grandTotal = total;
        // a bank of noise frames reused at random: noise of the right size per pixel at a fraction of the cost
        int bankFrames = 1031;
        short[] bank = new short[bankFrames * n];
        SplittableRandom nr = new SplittableRandom(s.seed() ^ 0x5DEECE66DL);
        for (int f = 0; f < bankFrames; f++)
            for (int p = 0; p < n; p++) bank[f * n + p] = (short) Math.round(det.dead()[p] ? 0 : det.noiseAdu()[p] * nr.nextGaussian());
        long all = s.darkFrames() + s.frames();
        int block = 512;
        long blocks = (all + block - 1) / block;
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicOutput.write(out, tmp -> {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                byte[][] buffers = new byte[threads][block * 2 * n];
                for (long b0 = 0; b0 < blocks; b0 += threads) {
                    long first = b0;
                    int count = (int) Math.min(threads, blocks - b0);
                    int[] lengths = new int[count];
                    IntStream.range(0, count).parallel().forEach(k -> lengths[k] = fillBlock(buffers[k], first + k, block, all, s, det, source, pixelCdf, binCdf, grandTotal, bank, bankFrames));
                    for (int k = 0; k < count; k++) os.write(buffers[k], 0, lengths[k]);
                    progress.update(Math.min(all, (b0 + count) * block), all);
                }
            }
        });
        AtomicOutput.writeString(out.resolveSibling(out.getFileName() + ".json"), FrameFile.sidecarJson(rows, cols, s.frameRateHz(), all,
                java.util.Map.of("dark_frames", s.darkFrames(), "simulated", true)));
    }

    private static int fillBlock(byte[] into, long blockIndex, int block, long all, Settings s, Detector det, SpectrumCube source, double[] pixelCdf, float[] binCdf,
                                 double grandTotal, short[] bank, int bankFrames) {
        int rows = det.rows(), cols = det.cols(), n = rows * cols, bins = source.bins();
        SplittableRandom r = new SplittableRandom(s.seed() * 31 + blockIndex);
        long f0 = blockIndex * block;
        int frames = (int) Math.min(block, all - f0);
        ByteBuffer bb = ByteBuffer.wrap(into).order(ByteOrder.LITTLE_ENDIAN);
        float[] adu = new float[n];
        for (int f = 0; f < frames; f++) {
            java.util.Arrays.fill(adu, 0);
            if (f0 + f >= s.darkFrames() && grandTotal > 0) {
                int photons = (int) XcsSimulator.poisson(r, s.photonsPerFrame());
                for (int k = 0; k < photons; k++) {
                    int p = search(pixelCdf, r.nextDouble() * grandTotal);
                    float[] cdf = binCdf;
                    double top = cdf[p * bins + bins - 1];
                    int b = searchF(cdf, p * bins, bins, r.nextDouble() * top);
                    double e = source.startKev() + (b + r.nextDouble()) * source.binKev();
                    deposit(adu, det, p, e, r, s.cloudSigmaMm(), s.pitchMm());
                }
            }
            int bankAt = r.nextInt(bankFrames) * n;
            for (int p = 0; p < n; p++) {
                double v = det.dead()[p] ? det.offsetAdu()[p] : det.offsetAdu()[p] + bank[bankAt + p] + adu[p];
                long q = Math.round(v);
                bb.putShort((short) Math.max(0, Math.min(65535, q)));
            }
        }
        return bb.position();
    }

    private static void deposit(float[] adu, Detector det, int p, double e, SplittableRandom r, double cloud, double pitch) {
        int rows = det.rows(), cols = det.cols(), row = p / cols, col = p % cols;
        double x = r.nextDouble() * pitch, y = r.nextDouble() * pitch;
        double[] fx = shares(x, pitch, cloud), fy = shares(y, pitch, cloud);
        for (int i = 0; i < 3; i++) {
            int rr = row + i - 1;
            if (rr < 0 || rr >= rows) continue;
            for (int j = 0; j < 3; j++) {
                int cc = col + j - 1;
                if (cc < 0 || cc >= cols) continue;
                double share = fy[i] * fx[j];
                if (share < 1e-4) continue;
                int q = rr * cols + cc;
                if (det.dead()[q]) continue;
                adu[q] += (float) ((e * share - det.interceptKev()[q]) / det.gradientKevPerAdu()[q]);
            }
        }
    }

    /** Shares of a Gaussian cloud at {@code x} in [0, pitch) that fall before, inside and after the pixel. */
    static double[] shares(double x, double pitch, double sigma) {
        double before = 0.5 * org.hipparchus.special.Erf.erfc(x / (sigma * Math.sqrt(2)));
        double after = 0.5 * org.hipparchus.special.Erf.erfc((pitch - x) / (sigma * Math.sqrt(2)));
        return new double[] {before, 1 - before - after, after};
    }

    private static int search(double[] cdf, double u) {
        int lo = 0, hi = cdf.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= u) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int searchF(float[] cdf, int from, int len, double u) {
        int lo = 0, hi = len - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[from + mid] <= u) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
