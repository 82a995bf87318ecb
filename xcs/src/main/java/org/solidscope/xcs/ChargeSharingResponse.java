package org.solidscope.xcs;

import org.solidscope.io.xcs.SpectrumCube;

/**
 * What charge sharing does to a spectrum: a photon lands uniformly within its pixel and a Gaussian charge cloud of
 * σ = {@code cloudSigmaMm} spreads its energy over the 3 × 3 pixels around it (the model of {@link FrameSimulator});
 * pixels whose share is below the threshold record nothing, so the event loses that energy; then the
 * {@link ChargeSharing} rule keeps, sums or drops the over-threshold pixels. Computed on a grid of landing points for
 * every bin's energy, it is a transfer matrix from true to recorded bins: applied to a cube's expected spectra it gives
 * the spectra a frame run records (its low-energy charge-sharing tail and its losses) and so the truth of a frame run.
 */
public final class ChargeSharingResponse {
    /** Grid of the kept energies before the noise blur, keV. */
    static final double FINE_KEV = 0.01;
    private final int bins;
    private final int[] to;
    private final float[] weight;
    private final int[] rowStart;

    private ChargeSharingResponse(int bins, int[] rowStart, int[] to, float[] weight) {
        this.bins = bins;
        this.rowStart = rowStart;
        this.to = to;
        this.weight = weight;
    }

    /** The response for an axis of {@code bins} bins from {@code startKev}, {@code binKev} wide. */
    public static ChargeSharingResponse of(double startKev, double binKev, int bins, double thresholdKev, double cloudSigmaMm, double pitchMm, ChargeSharing rule, int grid) {
        return of(startKev, binKev, bins, thresholdKev, cloudSigmaMm, pitchMm, rule, grid, 0);
    }

    /**
     * As above, with the electronic noise of each pixel read ({@code noiseKev}, 1σ) blurring the kept energy: a Gaussian of
     * σ·√(pixels summed). The decision which pixels are over the threshold is taken on the noiseless shares.
     */
    public static ChargeSharingResponse of(double startKev, double binKev, int bins, double thresholdKev, double cloudSigmaMm, double pitchMm, ChargeSharing rule, int grid,
                                           double noiseKev) {
        // the shares of the 3 × 3 pixels for each landing point do not depend on the energy
        int g = grid;
        double[][] share = new double[g * g][9];
        for (int a = 0; a < g; a++)
            for (int b = 0; b < g; b++) {
                double[] fx = FrameSimulator.shares((a + 0.5) / g * pitchMm, pitchMm, cloudSigmaMm), fy = FrameSimulator.shares((b + 0.5) / g * pitchMm, pitchMm, cloudSigmaMm);
                for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) share[a * g + b][i * 3 + j] = fy[i] * fx[j];
            }
        int[] rowStart = new int[bins + 1];
        double[][] fine = new double[2][(int) Math.round(13 / FINE_KEV)];
        double[][] kernels = new double[2][];
        for (int m = 0; m < 2; m++) {
            double sg = noiseKev * Math.sqrt(m + 1);
            int half = noiseKev > 0 ? (int) Math.ceil(5 * sg / FINE_KEV) : 0;
            double[] k = new double[2 * half + 1];
            double sum = 0;
            for (int j = -half; j <= half; j++) sum += k[j + half] = noiseKev > 0 ? Math.exp(-0.5 * Math.pow(j * FINE_KEV / sg, 2)) : 1;
            for (int j = 0; j < k.length; j++) k[j] /= sum;
            kernels[m] = k;
        }
        java.util.List<int[]> cells = new java.util.ArrayList<>();
        java.util.List<Float> ws = new java.util.ArrayList<>();
        double[] acc = new double[bins];
        for (int src = 0; src < bins; src++) {
            rowStart[src] = cells.size();
            double e = startKev + (src + 0.5) * binKev;
            java.util.Arrays.fill(acc, 0);
            double fineFrom = e - 12;
            for (double[] f : fine) java.util.Arrays.fill(f, 0);
            if (e > 0) {
                for (double[] s : share) {
                    double recorded = 0, largest = 0;
                    int hits = 0;
                    for (double v : s) {
                        double dep = v * e;
                        if (dep > thresholdKev) {
                            hits++;
                            largest = Math.max(largest, dep);
                            recorded += dep;
                        }
                    }
                    if (hits == 0) continue;
                    double kept = switch (rule) {
                        case NONE -> largest; // each hit is its own event; the photon's own pixel holds the largest part
                        case DISCRIMINATION -> hits == 1 ? recorded : -1;
                        case ADDITION -> recorded;
                        case SEED -> hits <= 2 ? recorded : -1;
                    };
                    if (kept < 0) continue;
                    int summed = rule == ChargeSharing.NONE ? 1 : Math.min(hits, 2);
                    if (noiseKev > 0) {
                        // kept energies on a fine grid per number of pixels summed; blurred once per source bin below
                        double at = (kept - fineFrom) / FINE_KEV;
                        int k = (int) Math.floor(at);
                        if (k >= 0 && k + 1 < fine[0].length) {
                            fine[summed - 1][k] += (1 - (at - k)) / share.length;
                            fine[summed - 1][k + 1] += (at - k) / share.length;
                        }
                        continue;
                    }
                    double pos = (kept - startKev) / binKev - 0.5;
                    int k = (int) Math.floor(pos);
                    double f = pos - k;
                    if (k >= 0 && k < bins) acc[k] += (1 - f) / share.length;
                    if (k + 1 >= 0 && k + 1 < bins) acc[k + 1] += f / share.length;
                }
            }
            if (noiseKev > 0 && e > 0) {
                for (int m = 0; m < 2; m++) {
                    double[] kern = kernels[m];
                    int half = kern.length / 2;
                    double[] f = fine[m];
                    for (int i = 0; i < f.length; i++) {
                        if (f[i] == 0) continue;
                        for (int j = 0; j < kern.length; j++) {
                            double en = fineFrom + (i + j - half) * FINE_KEV;
                            int d = (int) Math.floor((en - startKev) / binKev);
                            if (d >= 0 && d < bins) acc[d] += f[i] * kern[j];
                        }
                    }
                }
            }
            for (int d = 0; d < bins; d++)
                if (acc[d] > 0) {
                    cells.add(new int[] {d});
                    ws.add((float) acc[d]);
                }
        }
        rowStart[bins] = cells.size();
        int[] to = new int[cells.size()];
        float[] w = new float[cells.size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = cells.get(i)[0];
            w[i] = ws.get(i);
        }
        return new ChargeSharingResponse(bins, rowStart, to, w);
    }

    /** The recorded spectrum of one pixel from its true one (same axis). */
    public void apply(float[] in, int offset, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int s = 0; s < bins; s++) {
            double v = in[offset + s];
            if (v == 0) continue;
            for (int i = rowStart[s]; i < rowStart[s + 1]; i++) out[to[i]] += v * weight[i];
        }
    }

    /** Every pixel's recorded spectrum. */
    public SpectrumCube apply(SpectrumCube cube) {
        float[] out = new float[cube.counts().length];
        double[] row = new double[cube.bins()];
        for (int p = 0; p < cube.pixels(); p++) {
            apply(cube.counts(), p * cube.bins(), row);
            for (int b = 0; b < row.length; b++) out[p * cube.bins() + b] = (float) row[b];
        }
        return new SpectrumCube(cube.rows(), cube.cols(), cube.bins(), cube.startKev(), cube.binKev(), out);
    }
}
