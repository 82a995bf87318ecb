package org.solidscope.xcs;

/**
 * How a pixelated CdZnTe detector records a photon of energy E: a Gaussian of the pixel's FWHM, a low-energy tail from
 * incomplete charge collection (a share of events lose an exponentially distributed energy), and Cd and Te K escape
 * peaks (a share of events above the Cd K edge lose 23.17 or 27.47 keV). Applied to expected spectra on a fine grid.
 *
 * @param tailFraction share of events in the tail
 * @param tailKev      mean energy lost by a tail event
 * @param cdEscape     share of events above 26.7 keV that lose Cd Kα (23.17 keV)
 * @param teEscape     share that lose Te Kα (27.47 keV)
 */
public record DetectorResponse(double tailFraction, double tailKev, double cdEscape, double teEscape) {
    public static final double CD_KA_KEV = 23.17, TE_KA_KEV = 27.47, CD_K_EDGE_KEV = 26.71;

    public static DetectorResponse hexitec() { return new DetectorResponse(0.04, 1.5, 0.02, 0.025); }

    public static DetectorResponse ideal() { return new DetectorResponse(0, 1, 0, 0); }

    /**
     * The recorded spectrum on the same fine grid ({@code fine[i]} photons at {@code startKev + (i+0.5)·stepKev}),
     * written into {@code out} (zeroed first).
     */
    public void apply(double[] fine, double startKev, double stepKev, double fwhmKev, double[] out) {
        int n = fine.length;
        double[] x = fine.clone();
        // escapes: moved down by a whole number of fine steps
        int dCd = (int) Math.round(CD_KA_KEV / stepKev), dTe = (int) Math.round(TE_KA_KEV / stepKev);
        double[] moved = new double[n];
        for (int i = 0; i < n; i++) {
            double e = startKev + (i + 0.5) * stepKev;
            if (e <= CD_K_EDGE_KEV || x[i] == 0) continue;
            double cd = x[i] * cdEscape, te = x[i] * teEscape;
            if (i - dCd >= 0) moved[i - dCd] += cd;
            if (i - dTe >= 0) moved[i - dTe] += te;
            x[i] -= cd + te;
        }
        for (int i = 0; i < n; i++) x[i] += moved[i];
        // tail: a share of each bin spread below it with weights exp(−ΔE/tailKev), by one recursive pass from the top
        if (tailFraction > 0) {
            double r = Math.exp(-stepKev / tailKev);
            double acc = 0;
            double[] tail = new double[n];
            for (int i = n - 1; i >= 0; i--) {
                tail[i] = acc * (1 - r);
                acc = acc * r + x[i] * tailFraction;
            }
            for (int i = 0; i < n; i++) x[i] = x[i] * (1 - tailFraction) + tail[i];
        }
        // Gaussian resolution
        java.util.Arrays.fill(out, 0);
        double sigma = fwhmKev / 2.354820045;
        int half = (int) Math.ceil(5 * sigma / stepKev);
        double[] k = new double[2 * half + 1];
        double ks = 0;
        for (int j = -half; j <= half; j++) {
            double a = (j * stepKev) / sigma;
            k[j + half] = Math.exp(-0.5 * a * a);
            ks += k[j + half];
        }
        for (int j = 0; j < k.length; j++) k[j] /= ks;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (v == 0) continue;
            int lo = Math.max(0, i - half), hi = Math.min(n - 1, i + half);
            for (int m = lo; m <= hi; m++) out[m] += v * k[m - i + half];
        }
    }
}
