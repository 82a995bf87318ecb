package org.solidscope.ultrasound.sim;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.Progress;
import org.solidscope.io.AscanVolumeWriter;

/**
 * Synthesises through-transmission A-scans: at each point a 1 MHz Gaussian tone burst arriving at
 * {@code arrivalUs} with the point's noise-free displayed amplitude (percent FSH → int16 counts,
 * 32767 = 100 %), plus white Gaussian noise; samples beyond the converter's range are clipped, as a
 * real digitiser saturates. Streams line by line to {@code .npy} or raw + sidecar.
 */
public record AscanSynthesizer(double sampleRateMHz, int samples, double arrivalUs, double centreFrequencyMHz,
                               double envelopeSigmaUs, double noiseRmsPercentFsh) {

    /** 25 MHz, 1024 samples (41 µs), arrival at 20 µs, 1 MHz burst, noise 0.5 % FSH rms. */
    public static AscanSynthesizer standard() {
        return new AscanSynthesizer(25, 1024, 20, 1.0, 0.6, 0.5);
    }

    public void write(Path target, float[] cleanSignalPercentFsh, GridGeometry g, double gainDb, Iterable<Integer> dropoutRows,
                      long seed, Progress progress) {
        int nx = g.width(), ny = g.height(), nt = samples;
        boolean[] dropped = new boolean[ny];
        for (int r : dropoutRows) if (r >= 0 && r < ny) dropped[r] = true;
        // the unit pulse, computed once
        double[] pulse = new double[nt];
        for (int i = 0; i < nt; i++) {
            double t = i / sampleRateMHz - arrivalUs;
            pulse[i] = Math.exp(-0.5 * t * t / (envelopeSigmaUs * envelopeSigmaUs)) * Math.cos(2 * Math.PI * centreFrequencyMHz * t);
        }
        int first = 0, last = nt - 1;
        while (first < nt && Math.abs(pulse[first]) < 1e-4) first++;
        while (last > first && Math.abs(pulse[last]) < 1e-4) last--;
        // a table of Gaussian noise, read from a random offset per trace: fast and deterministic
        SplittableRandom rnd = new SplittableRandom(seed);
        int tableSize = 1 << 16;
        float[] noise = new float[tableSize];
        double sigma = noiseRmsPercentFsh / 100 * 32767;
        for (int i = 0; i < tableSize; i++) noise[i] = (float) (rnd.nextGaussian() * sigma);
        short[] line = new short[nx * nt];
        try (AscanVolumeWriter w = new AscanVolumeWriter(target, ny, nx, nt, sampleRateMHz, g.pitchMm(), gainDb)) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double amp = dropped[y] ? 0 : cleanSignalPercentFsh[y * nx + x] / 100.0 * 32767;
                    int off = rnd.nextInt(tableSize);
                    int base = x * nt;
                    for (int i = 0; i < nt; i++) {
                        double v = noise[(off + i) & (tableSize - 1)];
                        if (i >= first && i <= last) v += amp * pulse[i];
                        line[base + i] = (short) Math.max(-32767, Math.min(32767, Math.round(v)));
                    }
                }
                w.writeLine(line);
                progress.update(y + 1, ny);
            }
        }
    }
}
