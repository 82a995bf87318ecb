package org.solidscope.xcs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.solidscope.core.InputException;

/**
 * Components separated from region spectra: region k's spectrum is Σ_m F[k][m]·s_m (F: how much of component m's
 * signal region k holds), solved for the component spectra s_m by least squares, every bin with the same weights
 * (1/total counts of the region), so the solution is one linear map A = (FᵀWF)⁻¹FᵀW and each component bin's variance
 * is Σ_k A[m][k]²·var(region k bin). With as many regions as components it is F⁻¹ exactly. Each component is then
 * divided by its volume when given (spectra per unit volume, as the seed normalises them) and its EMF computed.
 *
 * <p>The seed's case ({@link #seed()}): regions 1, 2, 3 (beam at cathode, interphase, anode heights) and components
 * cathode, separator (SPE), anode: region 3 is the anode; region 2 is the separator plus 89 % of region 3; region 1 is
 * the cathode plus the separator plus 64 % of region 3. Valid because absorption at 115 keV is below 1 % across the cell.
 */
public final class ComponentUnmixing {
    public record Mixing(double[][] fractions, List<String> components) {
        public Mixing {
            int m = components.size();
            if (fractions.length < m) throw new InputException("--fractions", "rows", "at least as many regions as components (" + m + ")", fractions.length + " regions");
            for (double[] row : fractions)
                if (row.length != m) throw new InputException("--fractions", "columns", m + " values per region (one per component)", row.length + " values");
        }
    }

    /** The seed's three regions and components. */
    public static Mixing seed() {
        return new Mixing(new double[][] {{1, 1, 0.64}, {0, 1, 0.89}, {0, 0, 1}}, List.of("cathode", "separator", "anode"));
    }

    /** Parses "1,1,0.64;0,1,0.89;0,0,1" (regions separated by ';'). */
    public static double[][] parseFractions(String text) {
        try {
            return Arrays.stream(text.split(";")).map(r -> Arrays.stream(r.split(",")).mapToDouble(v -> Double.parseDouble(v.trim())).toArray()).toArray(double[][]::new);
        } catch (NumberFormatException e) {
            throw new InputException("--fractions", "fractions", "numbers, regions separated by ';' (e.g. 1,1,0.64;0,1,0.89;0,0,1)", "'" + text + "'");
        }
    }

    /**
     * @param spectrum per-volume spectrum (counts / volume)
     * @param variance its variance
     */
    public record Component(String name, double[] spectrum, double[] variance, double volume, ComptonAnalysis.Emf emf) {}

    public static List<Component> unmix(Mixing mix, double[][] regions, double[] volumes, ComptonAnalysis analysis, double startKev, double binKev, double thetaRad) {
        return unmix(mix, regions, null, volumes, analysis, startKev, binKev, thetaRad);
    }

    /** As above with each region bin's variance given (flat-fielded sums); null: the counts themselves (Poisson). */
    public static List<Component> unmix(Mixing mix, double[][] regions, double[][] variances, double[] volumes, ComptonAnalysis analysis, double startKev, double binKev,
                                        double thetaRad) {
        int k = regions.length, m = mix.components().size();
        if (k != mix.fractions().length) throw new InputException("regions", "count", mix.fractions().length + " region spectra (one per row of the fractions)", k + "");
        if (volumes != null && volumes.length != m) throw new InputException("--volumes", "count", m + " volumes (one per component)", volumes.length + "");
        int bins = regions[0].length;
        double[] w = new double[k];
        for (int r = 0; r < k; r++) {
            double t = 0;
            for (double v : regions[r]) t += v;
            w[r] = 1 / Math.max(t, 1);
        }
        // A = (FᵀWF)⁻¹FᵀW does not change when W is scaled and becomes A/c when F is scaled by c: both are brought to
        // order one first, so that fractions in mm³ (10⁻⁴) and weights of 10⁻⁸ do not look singular
        double fMax = 0, wMax = 0;
        for (double[] row : mix.fractions()) for (double v : row) fMax = Math.max(fMax, Math.abs(v));
        for (double v : w) wMax = Math.max(wMax, v);
        if (!(fMax > 0)) throw new InputException("--fractions", "fractions", "a matrix with a non-zero entry", Arrays.deepToString(mix.fractions()));
        RealMatrix f = new Array2DRowRealMatrix(mix.fractions()).scalarMultiply(1 / fMax);
        RealMatrix ftw = f.transpose().copy();
        for (int r = 0; r < k; r++) for (int c = 0; c < m; c++) ftw.setEntry(c, r, ftw.getEntry(c, r) * w[r] / wMax);
        RealMatrix normal = ftw.multiply(f);
        LUDecomposition lu = new LUDecomposition(normal);
        if (!lu.getSolver().isNonSingular())
            throw new InputException("--fractions", "fractions", "a matrix that separates the components (full column rank)", Arrays.deepToString(mix.fractions()));
        RealMatrix a = lu.getSolver().getInverse().multiply(ftw).scalarMultiply(1 / fMax); // m × k
        List<Component> out = new java.util.ArrayList<>();
        for (int c = 0; c < m; c++) {
            double vol = volumes == null ? 1 : volumes[c];
            if (!(vol > 0)) throw new InputException("--volumes", mix.components().get(c), "a volume > 0", String.valueOf(vol));
            double[] s = new double[bins], v = new double[bins];
            for (int b = 0; b < bins; b++) {
                double sum = 0, var = 0;
                for (int r = 0; r < k; r++) {
                    double coef = a.getEntry(c, r);
                    sum += coef * regions[r][b];
                    var += coef * coef * Math.max(variances == null ? regions[r][b] : variances[r][b], 0);
                }
                s[b] = sum / vol;
                v[b] = var / (vol * vol);
            }
            out.add(new Component(mix.components().get(c), s, v, vol, analysis.emf(s, v, startKev, binKev, thetaRad)));
        }
        return out;
    }

    /**
     * Fractions from a CT label volume [nz][ny·nx] (voxel edge {@code voxelUm}, z down from slice 0): region k is the slab
     * of height {@code beamHeightMm} centred at {@code beamCentreMm[k]}; F[k][m] is the volume (mm³) of label
     * {@code labels[m]} inside it, voxels weighted by the share of their height within the slab. Component spectra from
     * these fractions are per mm³. The CT volume must cover the field the region spectra sum over.
     */
    public static double[][] fractionsFromCt(byte[][] labelSlices, double voxelUm, double[] beamCentreMm, double beamHeightMm, int[] labels) {
        double v = voxelUm * 1e-3, voxelMm3 = v * v * v;
        int[] lut = new int[256];
        java.util.Arrays.fill(lut, -1);
        for (int m = 0; m < labels.length; m++) lut[labels[m] & 0xff] = m;
        long[][] perSlice = new long[labelSlices.length][labels.length];
        for (int z = 0; z < labelSlices.length; z++) for (byte b : labelSlices[z]) { int m = lut[b & 0xff]; if (m >= 0) perSlice[z][m]++; }
        double[][] f = new double[beamCentreMm.length][labels.length];
        for (int k = 0; k < beamCentreMm.length; k++) {
            double lo = beamCentreMm[k] - beamHeightMm / 2, hi = beamCentreMm[k] + beamHeightMm / 2;
            for (int z = 0; z < labelSlices.length; z++) {
                double share = Math.max(0, Math.min(hi, (z + 1) * v) - Math.max(lo, z * v)) / v;
                if (share > 0) for (int m = 0; m < labels.length; m++) f[k][m] += share * perSlice[z][m] * voxelMm3;
            }
        }
        return f;
    }

    public static String describe(Mixing mix) {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < mix.fractions().length; r++) {
            b.append("region ").append(r + 1).append(" =");
            for (int c = 0; c < mix.components().size(); c++)
                if (mix.fractions()[r][c] != 0) b.append(String.format(Locale.ROOT, " %+.3g·%s", mix.fractions()[r][c], mix.components().get(c)));
            b.append('\n');
        }
        return b.toString();
    }
}
