package org.solidscope.ultrasound;

import org.solidscope.core.record.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.Provenance;
import org.solidscope.core.RobustStats;
import org.solidscope.core.ScalarMap;

/**
 * Compares the stages of one cell on the grid of the infiltrated scan.
 *
 * <p>After registration, with a_i, a_s, a_f the linear amplitudes (gain removed) of the infiltrated,
 * solidified and formed scans at the same cell point:
 * solidification degree {@code D = 1 − a_s/a_i} and formation recovery {@code F = a_f/a_i}, on the
 * points P_i where the infiltrated scan is analysed and transmitting (elsewhere the ratio has no
 * meaning). A defect of a later stage is new when no defect of an earlier stage lies within
 * (r_new + r_old + {@link #MATCH_SLACK_MM}) of it after mapping, r being equivalent radii.
 */
public final class StageComparison {
    public static final String PIPELINE = "ut.compare/1";
    static final double MATCH_SLACK_MM = 2.0;

    private StageComparison() {}

    /** Summary of a ratio map over P_i: mean, std, cv = std/mean, 10th and 90th percentiles. */
    public record MapStats(int points, double mean, double std, double cv, double p10, double p90) {}

    public record Result(RigidTransform solidifiedRegistration, RigidTransform formedRegistration,
                         ScalarMap degreeMap, MapStats degree, ScalarMap recoveryMap, MapStats recovery,
                         List<Defect> newAtSolidification, List<Defect> newAtFormation, Verdict verdict, Provenance provenance) {
        /** Every name {@link #byName()} produces: what a specification's comparison rules may judge. */
        public static java.util.SortedSet<String> names() {
            return new java.util.TreeSet<>(List.of("solidification.degree_mean", "solidification.degree_cv", "formation.recovery_mean"));
        }

        public Map<String, Double> byName() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("solidification.degree_mean", degree == null ? Double.NaN : degree.mean());
            m.put("solidification.degree_cv", degree == null ? Double.NaN : degree.cv());
            m.put("formation.recovery_mean", recovery == null ? Double.NaN : recovery.mean());
            return m;
        }
    }

    public static Result compare(StageAnalysis infiltrated, StageAnalysis solidified, StageAnalysis formed,
                                 InspectionSpec spec, Map<String, String> inputSha256) {
        GridGeometry g = infiltrated.levels().db().geometry();
        float[] ai = infiltrated.levels().db().values();
        boolean[] p = infiltrated.cell().analysed().bits();
        double thr = infiltrated.metrics().thresholdDb();
        boolean[] valid = new boolean[ai.length];
        for (int i = 0; i < ai.length; i++) valid[i] = p[i] && !Float.isNaN(ai[i]) && ai[i] >= thr;

        RigidTransform ts = StageRegistration.register(infiltrated.cell(), solidified.cell());
        ScalarMap degree = ratioMap(g, ai, valid, solidified, ts, true);
        RigidTransform tf = null;
        ScalarMap recovery = null;
        List<Defect> newAtFormation = List.of();
        if (formed != null) {
            tf = StageRegistration.register(infiltrated.cell(), formed.cell());
            recovery = ratioMap(g, ai, valid, formed, tf, false);
            List<Defect> earlier = new ArrayList<>(infiltrated.defects());
            for (Defect d : solidified.defects()) earlier.add(mapped(d, ts));
            newAtFormation = newDefects(earlier, formed.defects(), tf);
        }
        List<Defect> newAtSolidification = newDefects(infiltrated.defects(), solidified.defects(), ts);
        MapStats ds = stats(degree);
        MapStats rs = recovery == null ? null : stats(recovery);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("spec", spec.name());
        params.put("reference_stage", Stage.INFILTRATION.id());
        Result partial = new Result(ts, tf, degree, ds, recovery, rs, newAtSolidification, newAtFormation, null, null);
        Map<String, Double> judged = new LinkedHashMap<>(partial.byName());
        if (formed == null) judged.remove("formation.recovery_mean");
        Verdict v = spec.judge("comparison", judged);
        if (formed == null) {
            List<Verdict.Reason> rs2 = v.reasons().stream().filter(r -> !r.metric().startsWith("formation.")).toList();
            Verdict.Status s = rs2.stream().map(Verdict.Reason::severity).max(Enum::compareTo).orElse(Verdict.Status.PASS);
            v = new Verdict(s, rs2);
        }
        return new Result(ts, tf, degree, ds, recovery, rs, newAtSolidification, newAtFormation, v,
                Provenance.of(PIPELINE, params, inputSha256));
    }

    private static ScalarMap ratioMap(GridGeometry g, float[] ai, boolean[] valid, StageAnalysis moving, RigidTransform tr, boolean degree) {
        // dropout rows and saturated points of the moving scan carry no data
        float[] mv = moving.levels().db().values().clone();
        boolean[] drop = moving.dropouts().mask().bits();
        for (int i = 0; i < mv.length; i++) if (drop[i]) mv[i] = Float.NaN;
        ScalarMap sampled = StageRegistration.resample(moving.levels().db().withValues("dB", mv), g, tr);
        float[] s = sampled.values();
        float[] out = new float[ai.length];
        for (int i = 0; i < ai.length; i++) {
            if (!valid[i] || Float.isNaN(s[i])) {
                out[i] = Float.NaN;
                continue;
            }
            double ratio = Math.pow(10, (s[i] - ai[i]) / 20.0);
            out[i] = (float) (degree ? 1 - ratio : ratio);
        }
        return new ScalarMap(g, degree ? "1 (solidification degree)" : "1 (formation recovery)", out);
    }

    static MapStats stats(ScalarMap m) {
        RobustStats.Summary s = RobustStats.summarize(m.values(), null);
        return new MapStats(s.count(), s.mean(), s.std(), s.cv(),
                RobustStats.percentile(m.values(), null, 10), RobustStats.percentile(m.values(), null, 90));
    }

    /** Defect d of a moving scan expressed at its reference-scan position (centroid only). */
    private static Defect mapped(Defect d, RigidTransform tr) {
        double[] q = tr.inverse(d.xMm(), d.yMm());
        return new Defect(d.label(), d.kind(), q[0], q[1], d.areaMm2(), d.diameterMm(), d.circularity(), d.contrastDb(),
                d.minXMm(), d.minYMm(), d.maxXMm(), d.maxYMm());
    }

    static List<Defect> newDefects(List<Defect> earlierInReference, List<Defect> later, RigidTransform tr) {
        List<Defect> out = new ArrayList<>();
        for (Defect d : later) {
            if (!d.countsAgainstCell()) continue;
            double[] q = tr.inverse(d.xMm(), d.yMm());
            double rNew = Math.sqrt(d.areaMm2() / Math.PI);
            boolean seen = false;
            for (Defect e : earlierInReference) {
                if (!e.countsAgainstCell()) continue;
                double rOld = Math.sqrt(e.areaMm2() / Math.PI);
                if (Math.hypot(q[0] - e.xMm(), q[1] - e.yMm()) <= rNew + rOld + MATCH_SLACK_MM) { seen = true; break; }
            }
            if (!seen) out.add(d);
        }
        return List.copyOf(out);
    }

}
