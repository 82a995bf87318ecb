package org.solidscope.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.Provenance;
import org.solidscope.ultrasound.CellOutline;
import org.solidscope.ultrasound.Defect;
import org.solidscope.ultrasound.RigidTransform;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageComparison;
import org.solidscope.ultrasound.TransmissionDb;
import org.solidscope.core.record.Verdict;

/** The JSON shapes of CLI results (documented in the README); NaN becomes null. */
final class JsonViews {
    private JsonViews() {}

    static Object num(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Map<String, Object> analysis(String file, StageAnalysis a, double elapsedMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("stage", a.stage().id());
        m.put("gain_db", a.levels().gainDb());
        m.put("level_reference", TransmissionDb.REFERENCE);
        m.put("cell", cell(a.cell()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        a.metrics().byName().forEach((k, v) -> {
            if (!k.startsWith("count.")) metrics.put(k, num(v));
        });
        metrics.put("body_level_db", num(a.bodyLevelDb()));
        metrics.put("counts", a.metrics().counts());
        m.put("metrics", metrics);
        m.put("defects", defects(a.defects()));
        m.put("scan_artifact_rows", a.dropouts().rows());
        m.put("verdict", verdict(a.verdict()));
        m.put("notes", a.notes());
        m.put("provenance", provenance(a.provenance()));
        m.put("elapsed_ms", elapsedMs);
        return m;
    }

    static Map<String, Object> cell(CellOutline c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width_mm", c.widthMm());
        m.put("height_mm", c.heightMm());
        m.put("area_mm2", c.areaMm2());
        m.put("centre_x_mm", c.centreXMm());
        m.put("centre_y_mm", c.centreYMm());
        m.put("angle_deg", c.angleDeg());
        m.put("found", c.found());
        m.put("bright_surround", c.brightSurround());
        m.put("edge_margin_mm", c.edgeMarginMm());
        if (!c.note().isEmpty()) m.put("note", c.note());
        return m;
    }

    static List<Map<String, Object>> defects(List<Defect> ds) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Defect d : ds) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", d.kind().id());
            m.put("x_mm", d.xMm());
            m.put("y_mm", d.yMm());
            m.put("area_mm2", d.areaMm2());
            m.put("diameter_mm", num(d.diameterMm()));
            m.put("circularity", num(d.circularity()));
            m.put("contrast_db", num(d.contrastDb()));
            m.put("counts_against_cell", d.countsAgainstCell());
            m.put("bbox_mm", new double[] {d.minXMm(), d.minYMm(), d.maxXMm(), d.maxYMm()});
            out.add(m);
        }
        return out;
    }

    static Map<String, Object> verdict(Verdict v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", v.status().name());
        List<Map<String, Object>> rs = new ArrayList<>();
        for (Verdict.Reason r : v.reasons()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("severity", r.severity().name());
            x.put("metric", r.metric());
            x.put("limit_kind", r.limitKind());
            x.put("limit", num(r.limit()));
            x.put("value", num(r.value()));
            x.put("text", r.text());
            rs.add(x);
        }
        m.put("reasons", rs);
        return m;
    }

    static Map<String, Object> registration(RigidTransform t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dx_mm", t.dxMm());
        m.put("dy_mm", t.dyMm());
        m.put("rotation_deg", t.rotationDeg());
        m.put("pivot_x_mm", t.pivotXMm());
        m.put("pivot_y_mm", t.pivotYMm());
        return m;
    }

    static Map<String, Object> comparison(StageComparison.Result c, Map<String, StageAnalysis> stages, double elapsedMs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registration", registration(c.solidifiedRegistration()));
        if (c.formedRegistration() != null) m.put("registration_formed", registration(c.formedRegistration()));
        m.put("solidification", stats("degree", c.degree()));
        m.put("formation", c.recovery() == null ? null : stats("recovery", c.recovery()));
        Map<String, Object> nd = new LinkedHashMap<>();
        nd.put("solidification", defects(c.newAtSolidification()));
        nd.put("formation", defects(c.newAtFormation()));
        m.put("new_defects", nd);
        Map<String, Object> st = new LinkedHashMap<>();
        stages.forEach((k, a) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("cell", cell(a.cell()));
            x.put("transmitting_fraction", num(a.metrics().transmittingFraction()));
            x.put("mean_db", num(a.metrics().meanDb()));
            x.put("verdict", verdict(a.verdict()));
            st.put(k, x);
        });
        m.put("stages", st);
        m.put("verdict", verdict(c.verdict()));
        m.put("provenance", provenance(c.provenance()));
        m.put("elapsed_ms", elapsedMs);
        return m;
    }

    static Map<String, Object> stats(String name, StageComparison.MapStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name + "_mean", num(s.mean()));
        m.put(name + "_std", num(s.std()));
        m.put(name + "_cv", num(s.cv()));
        m.put(name + "_p10", num(s.p10()));
        m.put(name + "_p90", num(s.p90()));
        m.put("points", s.points());
        return m;
    }

    static Map<String, Object> provenance(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("software", p.software());
        m.put("version", p.version());
        m.put("pipeline", p.pipeline());
        m.put("parameters", p.parameters());
        m.put("input_sha256", p.inputSha256());
        m.put("created_utc", p.createdUtc());
        return m;
    }
}
