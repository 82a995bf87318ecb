package org.solidscope.xcs;

import org.solidscope.io.xcs.SpectrumCube;

/**
 * Sum spectrum of a region with every pixel's Compton peak moved to the nominal angle's energies: across an 80-pixel
 * detector the scattering angle spans ±3.8° (the Compton energy ±1.1 keV, more than the resolution), so a plain sum
 * would blur J(pz). Each pixel's bin edges are mapped E → pz(E, θ_pixel) → E at the nominal angle, and its counts
 * shared onto the common bins in proportion to overlap (counts are conserved). Lines that are not Compton scattering
 * (fluorescence) are moved too: use the plain {@link SpectrumCube#sum} to look at them.
 */
public final class AlignedSum {
    private AlignedSum() {}

    /** Aligned sum over {@code mask} (null: all pixels), onto the cube's own axis at {@code nominalRad}. */
    public static double[] of(SpectrumCube cube, boolean[] mask, double[] thetaRad, double nominalRad, double incidentKev) {
        return weighted(cube, mask, thetaRad, nominalRad, incidentKev, null)[0];
    }

    /**
     * As {@link #of}, each pixel divided by its flat-field efficiency (pixels without one left out): {sum, variance},
     * the variance Σ counts/efficiency² of Poisson counts.
     */
    public static double[][] weighted(SpectrumCube cube, boolean[] mask, double[] thetaRad, double nominalRad, double incidentKev, FlatField flat) {
        int bins = cube.bins();
        double[] out = new double[bins], var = new double[bins], edges = new double[bins + 1];
        for (int p = 0; p < cube.pixels(); p++) {
            if (mask != null && !mask[p]) continue;
            double eff = flat == null ? 1 : flat.efficiency()[p];
            if (!(eff > 0)) continue;
            double t = thetaRad[p];
            for (int b = 0; b <= bins; b++) {
                double e = cube.startKev() + b * cube.binKev();
                double pz = ComptonKinematics.pzAu(incidentKev, e, t), w = Math.max(0, Math.min(1, (30 - Math.abs(pz)) / 10));
                edges[b] = e <= 1 || w == 0 ? e : w * ComptonKinematics.energyForPzKev(incidentKev, pz, nominalRad) + (1 - w) * e;
            }
            int o = p * bins;
            for (int b = 0; b < bins; b++) {
                double c = cube.counts()[o + b];
                if (c == 0) continue;
                spread(out, cube.startKev(), cube.binKev(), edges[b], edges[b + 1], c / eff);
                spread(var, cube.startKev(), cube.binKev(), edges[b], edges[b + 1], c / (eff * eff));
            }
        }
        return new double[][] {out, var};
    }

    static void spread(double[] out, double start, double width, double lo, double hi, double counts) {
        if (!(hi > lo)) return;
        int a = (int) Math.floor((lo - start) / width), z = (int) Math.floor((hi - start) / width);
        for (int k = Math.max(0, a); k <= Math.min(out.length - 1, z); k++) {
            double s = Math.max(lo, start + k * width), e = Math.min(hi, start + (k + 1) * width);
            if (e > s) out[k] += counts * (e - s) / (hi - lo);
        }
    }
}
