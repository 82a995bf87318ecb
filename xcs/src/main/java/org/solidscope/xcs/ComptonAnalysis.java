package org.solidscope.xcs;

import java.util.Locale;
import org.solidscope.core.InputException;

/**
 * One spectrum's Compton peak turned into a Compton profile J(pz) and the seed's electron momentum factor
 * EMF = E_L / E_H, E_L = ∫_{|pz|&lt;1} J dpz, E_H = ∫_{1&lt;|pz|&lt;5} J dpz, with its counting uncertainty.
 *
 * <p>How: each bin's edges are mapped to pz by the seed's Eq. 2 (or the exact relation), so a bin covers
 * [pz(E_lo), pz(E_hi)]; its counts, less the background, divided by the impulse approximation's cross-section factor
 * E2/E1, are J·Δpz of that interval. A bin that straddles a limit contributes the share of its pz interval that lies
 * inside (J taken as flat across one bin). The background is flat in counts per bin, estimated from a sideband above
 * the peak where no detector or shielding line falls (8–12 a.u. by default: ≈ 100–104 keV at 115 keV, 90°); below the
 * peak the W and Pb lines (58–88 keV) would bias it. Variances: Poisson (the counts themselves, or a given variance
 * per bin) plus the background's, with the covariance the shared background and the bins split at |pz| = 1 give E_L and E_H.
 */
public final class ComptonAnalysis {
    public enum Background { NONE, HIGH_SIDEBAND }

    /**
     * @param incidentKev   E1
     * @param lowPzAu       |pz| limit of E_L (1 a.u.)
     * @param highPzAu      |pz| limit of E_H (5 a.u.)
     * @param background    how the background under the peak is found
     * @param sidebandFromAu the sideband's lower pz (above the peak)
     * @param sidebandToAu   its upper pz
     * @param minCounts     counts within |pz| &lt; highPzAu below which a pixel is flagged (NaN), not guessed
     * @param exactPz       use the exact relativistic relation instead of the seed's Eq. 2
     */
    public record Settings(double incidentKev, double lowPzAu, double highPzAu, Background background, double sidebandFromAu, double sidebandToAu,
                           double minCounts, boolean exactPz) {
        public static Settings defaults() { return new Settings(115, 1, 5, Background.HIGH_SIDEBAND, 8, 12, 1000, false); }

        public Settings withBackground(Background b) { return new Settings(incidentKev, lowPzAu, highPzAu, b, sidebandFromAu, sidebandToAu, minCounts, exactPz); }

        public Settings withMinCounts(double c) { return new Settings(incidentKev, lowPzAu, highPzAu, background, sidebandFromAu, sidebandToAu, c, exactPz); }

        public Settings withIncidentKev(double e) { return new Settings(e, lowPzAu, highPzAu, background, sidebandFromAu, sidebandToAu, minCounts, exactPz); }

        double pz(double e2Kev, double thetaRad) {
            return exactPz ? ComptonKinematics.pzAuExact(incidentKev, e2Kev, thetaRad) : ComptonKinematics.pzAu(incidentKev, e2Kev, thetaRad);
        }

        /** Highest pz the analysis reads (the sideband's end, or the E_H limit). */
        double topPzAu() { return background == Background.HIGH_SIDEBAND ? sidebandToAu : highPzAu; }
    }

    /**
     * @param emf        E_L / E_H (NaN when flagged)
     * @param sigma      its 1σ counting uncertainty
     * @param low        E_L in counts (J·dpz, unnormalised)
     * @param high       E_H
     * @param counts     raw counts within |pz| &lt; highPzAu
     * @param backgroundPerBin the background subtracted from every bin
     * @param flagged    too few counts (or no E_H)
     */
    public record Emf(double emf, double sigma, double low, double high, double counts, double backgroundPerBin, boolean flagged) {}

    /** J(pz) at the bin centres within |pz| ≤ highPzAu, normalised to unit area there, with 1σ per bin. */
    public record Profile(double[] pzAu, double[] j, double[] sigma, double[] energyKev) {}

    private final Settings s;

    public ComptonAnalysis(Settings settings) {
        this.s = settings;
    }

    public Settings settings() { return s; }

    /** The energies (keV) the analysis needs at angle {@code thetaRad}: from pz = −highPz to the sideband's end. */
    public double[] neededKev(double thetaRad) {
        return new double[] {ComptonKinematics.energyForPzKev(s.incidentKev, -s.highPzAu, thetaRad), ComptonKinematics.energyForPzKev(s.incidentKev, s.topPzAu(), thetaRad)};
    }

    /** Refuses an axis that misses part of the region the analysis reads at any of the given angles. */
    public void requireAxis(String source, double startKev, double endKev, double thetaMin, double thetaMax) {
        double lo = Math.min(neededKev(thetaMin)[0], neededKev(thetaMax)[0]), hi = Math.max(neededKev(thetaMin)[1], neededKev(thetaMax)[1]);
        if (startKev > lo || endKev < hi)
            throw new InputException(source, "energy axis", String.format(Locale.ROOT, "bins covering %.1f–%.1f keV (pz from −%.0f to %.0f a.u. at %.0f keV)", lo, hi,
                    s.highPzAu, s.topPzAu(), s.incidentKev), String.format(Locale.ROOT, "%.2f–%.2f keV", startKev, endKev));
    }

    /**
     * EMF of the spectrum {@code counts[offset .. offset+bins)} with bin k at [startKev + k·binKev, …); {@code variance}
     * (same layout, may be null: Poisson) gives each bin's variance.
     */
    public Emf emf(float[] counts, float[] variance, int offset, int bins, double startKev, double binKev, double thetaRad) {
        double e1 = s.incidentKev;
        int first = firstBin(startKev, binKev, bins, thetaRad, -s.highPzAu);
        double[] background = background(counts, variance, offset, bins, startKev, binKev, thetaRad);
        double bg = background[0], bgVar = background[1];
        double l = 0, h = 0, vl = 0, vh = 0, cov = 0, wl = 0, wh = 0, raw = 0;
        double pzLo = s.pz(startKev + first * binKev, thetaRad);
        for (int b = first; b < bins; b++) {
            double e2 = startKev + (b + 1) * binKev;
            double pzHi = s.pz(e2, thetaRad);
            if (pzLo >= s.highPzAu) break;
            double width = pzHi - pzLo;
            double fl = overlap(pzLo, pzHi, -s.lowPzAu, s.lowPzAu) / width;
            double fh = (overlap(pzLo, pzHi, -s.highPzAu, -s.lowPzAu) + overlap(pzLo, pzHi, s.lowPzAu, s.highPzAu)) / width;
            if (fl + fh > 0) {
                double c = counts[offset + b], v = variance == null ? c : variance[offset + b];
                double inv = 1 / ComptonKinematics.crossSectionFactor(e1, e2 - 0.5 * binKev);
                l += fl * (c - bg) * inv;
                h += fh * (c - bg) * inv;
                vl += fl * fl * v * inv * inv;
                vh += fh * fh * v * inv * inv;
                cov += fl * fh * v * inv * inv;
                wl += fl * inv;
                wh += fh * inv;
                raw += (fl + fh) * c;
            }
            pzLo = pzHi;
        }
        vl += wl * wl * bgVar;
        vh += wh * wh * bgVar;
        cov += wl * wh * bgVar;
        boolean flagged = !(raw >= s.minCounts) || !(h > 0) || !(l > 0);
        if (flagged) return new Emf(Double.NaN, Double.NaN, l, h, raw, bg, true);
        double emf = l / h;
        double rel = vl / (l * l) + vh / (h * h) - 2 * cov / (l * h);
        return new Emf(emf, emf * Math.sqrt(Math.max(rel, 0)), l, h, raw, bg, false);
    }

    public Emf emf(double[] spectrum, double[] variance, double startKev, double binKev, double thetaRad) {
        return emf(toFloat(spectrum), variance == null ? null : toFloat(variance), 0, spectrum.length, startKev, binKev, thetaRad);
    }

    /** J(pz) of a spectrum, background removed as for {@link #emf}. */
    public Profile profile(double[] spectrum, double[] variance, double startKev, double binKev, double thetaRad) {
        double[] background = background(toFloat(spectrum), variance == null ? null : toFloat(variance), 0, spectrum.length, startKev, binKev, thetaRad);
        double bg = background[0], bgVar = background[1];
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        double area = 0;
        for (int b = 0; b < spectrum.length; b++) {
            double e2lo = startKev + b * binKev, e2hi = e2lo + binKev;
            double lo = s.pz(e2lo, thetaRad), hi = s.pz(e2hi, thetaRad), mid = s.pz(0.5 * (e2lo + e2hi), thetaRad);
            if (Math.abs(mid) > s.highPzAu) continue;
            double inv = 1 / ComptonKinematics.crossSectionFactor(s.incidentKev, 0.5 * (e2lo + e2hi));
            double v = variance == null ? spectrum[b] : variance[b];
            double j = (spectrum[b] - bg) * inv / (hi - lo);
            rows.add(new double[] {mid, j, Math.sqrt(v + bgVar) * inv / (hi - lo), 0.5 * (e2lo + e2hi)});
            area += j * (hi - lo);
        }
        int n = rows.size();
        double[] pz = new double[n], j = new double[n], sg = new double[n], en = new double[n];
        for (int k = 0; k < n; k++) {
            pz[k] = rows.get(k)[0];
            j[k] = rows.get(k)[1] / area;
            sg[k] = rows.get(k)[2] / Math.abs(area);
            en[k] = rows.get(k)[3];
        }
        return new Profile(pz, j, sg, en);
    }

    /**
     * {background per bin, its variance}: the mean of the bins wholly inside the sideband and the variance of that mean
     * (the bins' variances over their number squared); {0, 0} without a background.
     */
    private double[] background(float[] counts, float[] variance, int offset, int bins, double startKev, double binKev, double thetaRad) {
        if (s.background != Background.HIGH_SIDEBAND) return new double[] {0, 0};
        double sum = 0, var = 0;
        int n = 0;
        for (int b = firstBin(startKev, binKev, bins, thetaRad, s.sidebandFromAu); b < bins; b++) {
            double lo = s.pz(startKev + b * binKev, thetaRad), hi = s.pz(startKev + (b + 1) * binKev, thetaRad);
            if (lo < s.sidebandFromAu) continue;
            if (hi > s.sidebandToAu) break;
            sum += counts[offset + b];
            var += variance == null ? counts[offset + b] : variance[offset + b];
            n++;
        }
        return n == 0 ? new double[] {0, 0} : new double[] {sum / n, var / ((double) n * n)};
    }

    private int firstBin(double startKev, double binKev, int bins, double thetaRad, double pz) {
        double e = ComptonKinematics.energyForPzKev(s.incidentKev, pz, thetaRad);
        int b = (int) Math.floor((e - startKev) / binKev) - 1;
        return Math.max(0, Math.min(bins, b));
    }

    static double overlap(double a0, double a1, double b0, double b1) {
        return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    }

    static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }
}
