package org.solidscope.xcs;

import org.solidscope.io.xcs.SpectrumCube;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.solidscope.core.Parallel;
import org.solidscope.core.Progress;

/**
 * Simulated XCS images of a coin cell with their ground truth: the seed's geometry (115 keV sheet beam, 90°, pinhole,
 * 80 × 80 pixels of 0.25 mm), the sheet beam through the cathode layer of a CR2032-sized cell: a Li_xNMC622 cathode
 * disk of 7 mm radius, the PEO–LiTFSI separator's overhang to 8 mm, the steel casing's wall at 9.6–10 mm.
 *
 * <p>Each pixel's expected spectrum: its material's Hartree–Fock Compton profile mapped to energy at the pixel's own
 * angle (impulse approximation, counts ∝ (E2/E1)·J(pz)·dpz), through {@link DetectorResponse} with the pixel's FWHM
 * (the seed's 0.79 ± 0.15 keV), plus the detector's Cd and Te fluorescence (seed: 22.9, 26.1, 27.2, 31.0 keV), W and
 * Pb lines from the shielding, and a flat background; then Poisson counts. Compton counts scale with the material's
 * electron density (cathode 1, separator 0.41, casing 1.6).
 *
 * <p>Truth per pixel: {@code emfExpected}, the EMF {@link ComptonAnalysis} gives on the noise-free recorded spectrum
 * (it includes the detector's blur, which no analysis in the seed removes), and {@code emfMaterial}, the EMF of the
 * material's profile itself.
 */
public final class XcsSimulator {
    public enum Component { NONE, CATHODE, SEPARATOR, ANODE, CASING }

    /** Lines the detector and its shielding add: energy keV and share of the pixel's Compton counts. */
    static final double[][] LINES = {{22.9, 0.020}, {26.1, 0.006}, {27.2, 0.022}, {31.0, 0.006}, // detector Cd, Te (seed)
            {57.98, 0.004}, {59.32, 0.007}, {67.2, 0.003}, // W Kα2, Kα1, Kβ1
            {72.80, 0.004}, {74.97, 0.007}, {84.94, 0.003}, {87.3, 0.001}}; // Pb Kα2, Kα1, Kβ1, Kβ2

    /**
     * @param rows            detector rows
     * @param cols            detector columns
     * @param geometry        pinhole set-up
     * @param incidentKev     E1
     * @param comptonCounts   Compton counts in a cathode pixel (the others scale with electron density)
     * @param fwhmKev         mean FWHM
     * @param fwhmSpreadKev   pixel-to-pixel standard deviation of the FWHM
     * @param backgroundShare flat background per keV as a share of a cathode pixel's Compton counts
     * @param binKev          bin width of the cube
     * @param maxKev          top of the energy axis (from 0)
     * @param cathodeX        Li content x of the cathode
     * @param deadPixelShare  share of pixels that record nothing
     * @param seed            random seed
     */
    public record Settings(int rows, int cols, PinholeGeometry geometry, double incidentKev, double comptonCounts, double fwhmKev, double fwhmSpreadKev,
                           double backgroundShare, double binKev, double maxKev, double cathodeX, double deadPixelShare, DetectorResponse response, long seed) {
        public static Settings seed004(double cathodeX) {
            return new Settings(80, 80, PinholeGeometry.seed(), 115, 2e5, 0.79, 0.15, 1.5e-4, 0.2, 150, cathodeX, 0.002, DetectorResponse.hexitec(), 4);
        }

        public Settings withCounts(double c) { return new Settings(rows, cols, geometry, incidentKev, c, fwhmKev, fwhmSpreadKev, backgroundShare, binKev, maxKev, cathodeX, deadPixelShare, response, seed); }

        public Settings withSeed(long s) { return new Settings(rows, cols, geometry, incidentKev, comptonCounts, fwhmKev, fwhmSpreadKev, backgroundShare, binKev, maxKev, cathodeX, deadPixelShare, response, s); }

        public Settings withSize(int r, int c) { return new Settings(r, c, geometry, incidentKev, comptonCounts, fwhmKev, fwhmSpreadKev, backgroundShare, binKev, maxKev, cathodeX, deadPixelShare, response, seed); }

        public Settings withCathodeX(double x) { return new Settings(rows, cols, geometry, incidentKev, comptonCounts, fwhmKev, fwhmSpreadKev, backgroundShare, binKev, maxKev, x, deadPixelShare, response, seed); }

        public Settings withDeadPixelShare(double d) { return new Settings(rows, cols, geometry, incidentKev, comptonCounts, fwhmKev, fwhmSpreadKev, backgroundShare, binKev, maxKev, cathodeX, d, response, seed); }
    }

    /**
     * @param cube        Poisson counts
     * @param expected    the noise-free spectra
     * @param emfExpected truth: EMF of the noise-free recorded spectrum (NaN outside the cell and on dead pixels)
     * @param emfMaterial truth: EMF of the pixel's material profile
     * @param component   per pixel
     * @param fwhmKev     per pixel
     * @param dead        per pixel
     */
    public record Result(SpectrumCube cube, SpectrumCube expected, float[] emfExpected, float[] emfMaterial, Component[] component, float[] fwhmKev, boolean[] dead) {}

    /** Component at a sample point (mm from the cell's centre). */
    public static Component componentAt(double xMm, double yMm) {
        double r = Math.hypot(xMm, yMm);
        if (r < 7) return Component.CATHODE;
        if (r < 8) return Component.SEPARATOR;
        if (r >= 9.6 && r <= 10) return Component.CASING;
        return Component.NONE;
    }

    public static Result simulate(Settings s, Progress progress) {
        ComptonMaterial cathode = ComptonMaterial.nmc622(s.cathodeX()), spe = ComptonMaterial.peoLitfsi(), steel = ComptonMaterial.steel();
        DoubleUnaryOperator[] cum = {null, cathode.cumulative(), spe.cumulative(), null, steel.cumulative()};
        double[] weight = {0, 1, 0.41, 0.10, 1.6};
        int rows = s.rows(), cols = s.cols(), bins = (int) Math.round(s.maxKev() / s.binKev());
        int n = rows * cols;
        float[] counts = new float[n * bins], expected = new float[n * bins], emfExp = new float[n], emfMat = new float[n], fwhm = new float[n];
        Component[] comp = new Component[n];
        boolean[] dead = new boolean[n];
        double pitch = s.geometry().samplePitchMm();
        ComptonAnalysis analysis = new ComptonAnalysis(ComptonAnalysis.Settings.defaults().withIncidentKev(s.incidentKev()).withMinCounts(0));
        double[] matEmf = {Double.NaN, cathode.emf(), spe.emf(), Double.NaN, steel.emf()};
        int sub = 5;
        double fineStep = s.binKev() / sub;
        int fineFrom = (int) Math.floor(0.3 * s.incidentKev() / s.binKev()) * sub, fineTo = Math.min(bins * sub, (int) Math.ceil(s.incidentKev() / fineStep));
        Parallel.forEach(rows, r -> {
            SplittableRandom rnd = new SplittableRandom(s.seed() * 1_000_003L + r);
            double[] fine = new double[fineTo - fineFrom], recorded = new double[fine.length], spec = new double[bins];
            for (int c = 0; c < cols; c++) {
                int p = r * cols + c;
                // the image through a pinhole is inverted
                double x = -(c - (cols - 1) / 2.0) * pitch, y = -(r - (rows - 1) / 2.0) * pitch;
                Component k = componentAt(x, y);
                comp[p] = k;
                double f = Math.max(0.3, s.fwhmKev() + s.fwhmSpreadKev() * rnd.nextGaussian());
                fwhm[p] = (float) f;
                dead[p] = rnd.nextDouble() < s.deadPixelShare();
                double theta = s.geometry().thetaRad(rows, cols, r, c);
                java.util.Arrays.fill(spec, 0);
                double nCompton = s.comptonCounts() * weight[k.ordinal()];
                if (nCompton > 0 && cum[k.ordinal()] != null) {
                    DoubleUnaryOperator cu = cum[k.ordinal()];
                    double total = 0;
                    double prev = cu.applyAsDouble(ComptonKinematics.pzAu(s.incidentKev(), fineFrom * fineStep, theta));
                    for (int i = 0; i < fine.length; i++) {
                        double eHi = (fineFrom + i + 1) * fineStep;
                        double next = cu.applyAsDouble(ComptonKinematics.pzAu(s.incidentKev(), eHi, theta));
                        fine[i] = (next - prev) * ComptonKinematics.crossSectionFactor(s.incidentKev(), eHi - 0.5 * fineStep);
                        total += fine[i];
                        prev = next;
                    }
                    for (int i = 0; i < fine.length; i++) fine[i] *= nCompton / total;
                    s.response().apply(fine, fineFrom * fineStep, fineStep, f, recorded);
                    for (int i = 0; i < recorded.length; i++) spec[(fineFrom + i) / sub] += recorded[i];
                    for (double[] line : LINES) addGaussian(spec, s.binKev(), line[0], f, nCompton * line[1]);
                }
                double bg = s.backgroundShare() * s.comptonCounts() * s.binKev();
                for (int b = 0; b < bins; b++) spec[b] += bg;
                if (dead[p]) java.util.Arrays.fill(spec, 0);
                int o = p * bins;
                for (int b = 0; b < bins; b++) {
                    expected[o + b] = (float) spec[b];
                    counts[o + b] = poisson(rnd, spec[b]);
                }
                boolean cell = k != Component.NONE && !dead[p];
                emfExp[p] = cell ? (float) analysis.emf(expected, null, o, bins, 0, s.binKev(), theta).emf() : Float.NaN;
                emfMat[p] = cell ? (float) matEmf[k.ordinal()] : Float.NaN;
            }
        }, progress);
        return new Result(new SpectrumCube(rows, cols, bins, 0, s.binKev(), counts), new SpectrumCube(rows, cols, bins, 0, s.binKev(), expected), emfExp, emfMat, comp, fwhm, dead);
    }

    /** Adds {@code area} counts of a Gaussian line at {@code kev} into bins of width binKev from 0. */
    static void addGaussian(double[] spec, double binKev, double kev, double fwhmKev, double area) {
        double sigma = fwhmKev / 2.354820045;
        int lo = Math.max(0, (int) ((kev - 6 * sigma) / binKev)), hi = Math.min(spec.length - 1, (int) ((kev + 6 * sigma) / binKev));
        for (int b = lo; b <= hi; b++) {
            double a = (b * binKev - kev) / (sigma * Math.sqrt(2)), z = ((b + 1) * binKev - kev) / (sigma * Math.sqrt(2));
            spec[b] += area * 0.5 * (org.hipparchus.special.Erf.erf(a, z));
        }
    }

    /** Poisson deviate: inversion for small means, a rounded normal with continuity for large ones (mean ≥ 1000). */
    static float poisson(SplittableRandom rnd, double mean) {
        if (!Double.isFinite(mean)) throw new IllegalArgumentException("a Poisson mean must be finite: " + mean);
        if (mean <= 0) return 0;
        if (mean >= 1000) return (float) Math.max(0, Math.floor(mean + Math.sqrt(mean) * rnd.nextGaussian() + 0.5));
        if (mean < 30) {
            double l = Math.exp(-mean), p = rnd.nextDouble();
            int k = 0;
            double t = l, cdf = l;
            while (p > cdf && k < 1000) {
                k++;
                t *= mean / k;
                cdf += t;
            }
            return k;
        }
        // transformed rejection (Hörmann's PTRS) for moderate means
        double slam = Math.sqrt(mean), loglam = Math.log(mean), b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b, invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rnd.nextDouble() - 0.5, v = rnd.nextDouble(), us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) return k;
        }
    }

    static double logFactorial(long k) {
        return org.hipparchus.special.Gamma.logGamma(k + 1.0);
    }
}
