package org.solidscope.ultrasound;

import java.util.Arrays;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.RobustStats;
import org.solidscope.core.ScalarMap;
import org.solidscope.ultrasound.acoustics.GapInversion;

/**
 * Effective gas-gap map of a later stage (solidified or formed) from its registered transmission
 * relative to the infiltrated baseline, ρ = a_s/a_i per point, inverted with the acoustic model
 * ({@link GapInversion}). Uncertainty of ρ: σ_ρ² = 2·(u·ρ)² + (σ_n/a_i)², u the relative repeatability
 * of one amplitude reading (coupling, speckle), σ_n = noise floor / 3 of the later scan (peak noise
 * floor ≈ 3 rms). A point is measurable when its level is ≥ noise floor + {@code snrDb}.
 */
public final class GapMapping {
    private GapMapping() {}

    /** Result maps on the infiltrated grid, flag counts, and the summary over {@link GapInversion#OK} points. */
    public record GapMap(RigidTransform registration, ScalarMap gapUm, ScalarMap lowerUm, ScalarMap upperUm, byte[] flags,
                         int[] flagCounts, double medianGapUm, double p10GapUm, double p90GapUm, long elapsedNanos) {}

    public static GapMap map(StageAnalysis infiltrated, StageAnalysis later, GapInversion inv, double relativeUncertainty, double snrDb) {
        long t0 = System.nanoTime();
        GridGeometry g = infiltrated.levels().db().geometry();
        RigidTransform tr = StageRegistration.register(infiltrated.cell(), later.cell());
        float[] mv = later.levels().db().values().clone();
        boolean[] drop = later.dropouts().mask().bits();
        for (int i = 0; i < mv.length; i++) if (drop[i]) mv[i] = Float.NaN;
        ScalarMap sampled = StageRegistration.resample(later.levels().db().withValues("dB", mv), g, tr);
        // saturated points of the later scan: resampled from a map where they are NaN, so they stay NaN
        float[] li = infiltrated.levels().db().values(), ls = sampled.values();
        boolean[] p = infiltrated.cell().analysed().bits();
        double thr = infiltrated.metrics().thresholdDb();
        double sigmaN = Math.pow(10, later.levels().noiseFloorDb() / 20) / 3;
        double measurableDb = later.levels().noiseFloorDb() + snrDb;
        int n = li.length;
        float[] gap = new float[n], lo = new float[n], hi = new float[n];
        byte[] flags = new byte[n];
        int[] counts = new int[5];
        float[] ok = new float[n];
        int nOk = 0;
        for (int i = 0; i < n; i++) {
            if (!p[i] || Float.isNaN(li[i]) || li[i] < thr) {
                flags[i] = GapInversion.NOT_ASSESSED;
                gap[i] = lo[i] = hi[i] = Float.NaN;
                counts[GapInversion.NOT_ASSESSED]++;
                continue;
            }
            double ai = Math.pow(10, li[i] / 20);
            double ratio = Float.isNaN(ls[i]) ? Double.NaN : Math.pow(10, (ls[i] - li[i]) / 20);
            double sigma = Math.sqrt(2 * Math.pow(relativeUncertainty * ratio, 2) + Math.pow(sigmaN / ai, 2));
            GapInversion.Point pt = inv.invert(ratio, sigma, !Float.isNaN(ls[i]) && ls[i] >= measurableDb);
            gap[i] = (float) pt.gapUm();
            lo[i] = (float) pt.lowerUm();
            hi[i] = (float) pt.upperUm();
            flags[i] = pt.flag();
            counts[pt.flag()]++;
            if (pt.flag() == GapInversion.OK) ok[nOk++] = gap[i];
        }
        float[] sorted = Arrays.copyOf(ok, nOk);
        Arrays.sort(sorted);
        return new GapMap(tr, new ScalarMap(g, "um", gap), new ScalarMap(g, "um", lo), new ScalarMap(g, "um", hi), flags, counts,
                RobustStats.percentileSorted(sorted, 50), RobustStats.percentileSorted(sorted, 10), RobustStats.percentileSorted(sorted, 90),
                System.nanoTime() - t0);
    }

    public static final String[] FLAG_NAMES = {"ok", "saturated", "below_noise", "not_detected", "not_assessed"};
}
