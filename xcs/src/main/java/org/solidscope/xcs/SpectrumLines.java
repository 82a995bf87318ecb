package org.solidscope.xcs;

import java.util.ArrayList;
import java.util.List;

/**
 * Peaks of a sum spectrum named: the detector's Cd and Te fluorescence (the seed's 22.9, 26.1, 27.2, 31.0 keV), W and
 * Pb K lines from the pinhole and shielding, the Compton peak, its Cd and Te escape peaks and the elastic line. A peak is
 * a local maximum of the 3-bin smoothed spectrum that stands {@code minProminence} counts per bin (and 5σ of the
 * counts) above the lower of the minima on either side within ±3 keV; it takes the name of the nearest line within
 * max(0.8 keV, 3 bins), or none.
 */
public final class SpectrumLines {
    public record Line(String name, double kev) {}

    public record Peak(double kev, double height, String name, double lineKev) {}

    private SpectrumLines() {}

    /** The lines expected in an XCS spectrum at incident energy E1 and angle θ. */
    public static List<Line> expected(double incidentKev, double thetaRad) {
        double c = ComptonKinematics.comptonEnergyKev(incidentKev, thetaRad);
        List<Line> l = new ArrayList<>(List.of(new Line("Cd Kα (detector)", 22.9), new Line("Cd Kβ (detector)", 26.1), new Line("Te Kα (detector)", 27.2),
                new Line("Te Kβ (detector)", 31.0), new Line("W Kα2", 57.98), new Line("W Kα1", 59.32), new Line("W Kβ1", 67.24), new Line("Pb Kα2", 72.80),
                new Line("Pb Kα1", 74.97), new Line("Pb Kβ1", 84.94), new Line("Pb Kβ2", 87.3)));
        l.add(new Line("Compton", c));
        l.add(new Line("Compton − Cd Kα escape", c - DetectorResponse.CD_KA_KEV));
        l.add(new Line("Compton − Te Kα escape", c - DetectorResponse.TE_KA_KEV));
        l.add(new Line("elastic", incidentKev));
        return l;
    }

    public static List<Peak> identify(double[] spectrum, double startKev, double binKev, double incidentKev, double thetaRad, double minProminence) {
        int n = spectrum.length;
        double[] sm = new double[n];
        for (int b = 0; b < n; b++) sm[b] = (spectrum[Math.max(0, b - 1)] + spectrum[b] + spectrum[Math.min(n - 1, b + 1)]) / 3;
        int w = Math.max(2, (int) Math.round(3 / binKev));
        List<Line> lines = expected(incidentKev, thetaRad);
        List<Peak> peaks = new ArrayList<>();
        for (int b = 1; b < n - 1; b++) {
            if (!(sm[b] > sm[b - 1] && sm[b] >= sm[b + 1])) continue;
            double left = sm[b], right = sm[b];
            boolean highest = true;
            for (int k = Math.max(0, b - w); k < b; k++) { left = Math.min(left, sm[k]); }
            for (int k = b + 1; k <= Math.min(n - 1, b + w); k++) right = Math.min(right, sm[k]);
            for (int k = Math.max(0, b - w / 4); k <= Math.min(n - 1, b + w / 4); k++) if (sm[k] > sm[b]) highest = false;
            double base = Math.max(left, right), prominence = sm[b] - base;
            if (!highest || prominence < minProminence || prominence < 5 * Math.sqrt(Math.max(1, base) / 3)) continue;
            double kev = startKev + (b + 0.5) * binKev;
            Line best = null;
            for (Line l : lines) if (Math.abs(l.kev() - kev) <= Math.max(0.8, 3 * binKev) && (best == null || Math.abs(l.kev() - kev) < Math.abs(best.kev() - kev))) best = l;
            peaks.add(new Peak(kev, sm[b], best == null ? null : best.name(), best == null ? Double.NaN : best.kev()));
        }
        return peaks;
    }
}
