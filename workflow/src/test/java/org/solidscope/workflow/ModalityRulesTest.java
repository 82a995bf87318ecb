package org.solidscope.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.solidscope.core.InputException;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Specification;
import org.solidscope.core.record.Verdict;

/**
 * Each modality judged by its own part of a specification: at, just inside and just past every kind of limit, with a metric
 * missing, under the shipped specification of release 0.1.0 (ultrasound alone: the others not judged, ultrasound as then)
 * and under a specification without the modality's part (not judged, never PASS).
 */
class ModalityRulesTest {
    private static ModalityRegistry with(String modality, String rules) {
        String json = "{\"spec_version\": 1, \"name\": \"t\", \"" + modality + "\": {\"rules\": " + rules + "}}";
        return ModalityRegistry.standard(Specification.parse(json, "t.json"));
    }

    private static Verdict.Status judge(ModalityRegistry r, String modality, String state, Map<String, Double> metrics) {
        Verdict v = r.byId("test", modality).judge(state, "x/1", metrics);
        return v == null ? null : v.status();
    }

    /** One rule with every limit kind, judged on values around each limit, for every modality with a part of its own. */
    @ParameterizedTest(name = "{0}.{1}")
    @CsvSource({"ct, ra_um", "ct, components", "eis, rct_ohm", "eis, rs_ohm", "eis, kk_max_residual_pct", "eis, chi2_reduced",
                "cycling, retention_pct", "cycling, coulombic_efficiency_mean", "cycling, ohmic_drop_first_mv",
                "xcs, compton_counts", "xcs, emf_p95"})
    void everyLimitKindOfEveryModality(String modality, String metric) {
        ModalityRegistry r = with(modality, "[{\"metric\": \"" + metric + "\", \"fail_below\": 1, \"review_below\": 2, \"review_above\": 8, \"fail_above\": 9}]");
        String name = modality + "." + metric;
        Map<Double, Verdict.Status> expected = new java.util.LinkedHashMap<>();
        expected.put(0.999, Verdict.Status.FAIL);
        expected.put(1.0, Verdict.Status.REVIEW); // a limit is the last value that is not past it
        expected.put(1.999, Verdict.Status.REVIEW);
        expected.put(2.0, Verdict.Status.PASS);
        expected.put(8.0, Verdict.Status.PASS);
        expected.put(8.001, Verdict.Status.REVIEW);
        expected.put(9.0, Verdict.Status.REVIEW);
        expected.put(9.001, Verdict.Status.FAIL);
        expected.forEach((v, status) -> assertEquals(status, judge(r, modality, "s", Map.of(name, v)), name + " = " + v));
        Verdict fail = r.byId("test", modality).judge("s", "x/1", Map.of(name, 12.5));
        Verdict.Reason reason = fail.reasons().get(0);
        assertEquals(List.of(name, "fail_above", 9.0, 12.5), List.of(reason.metric(), reason.limitKind(), reason.limit(), reason.value()));
        assertTrue(fail.reasons().get(0).text().contains(name + " = 12.50 > fail above limit 9.000"), fail.reasons().get(0).text());
        // a metric the analysis could not measure, or did not store, is REVIEW: a missing number never passes
        assertEquals(Verdict.Status.REVIEW, judge(r, modality, "s", Map.of(name, Double.NaN)));
        assertEquals(Verdict.Status.REVIEW, judge(r, modality, "s", Map.of()));
        assertEquals("missing", r.byId("test", modality).judge("s", "x/1", Map.of()).reasons().get(0).limitKind());
    }

    @Test
    void aCcdRunIsJudgedOnItsCcdAndACyclingRunIsNot() {
        ModalityRegistry r = with("cycling", "[{\"metric\": \"ccd_ma_cm2\", \"fail_below\": 1.0}, {\"metric\": \"retention_pct\", \"review_below\": 80}]");
        // the demo's battery-4: shorted at 0.60 mA/cm²
        Verdict v = r.byId("t", "cycling").judge("cycle_1", "cycling.summary/1", Map.of("cycling.shorted", 1.0, "cycling.ccd_ma_cm2", 0.6));
        assertEquals(Verdict.Status.FAIL, v.status());
        assertEquals(1, v.reasons().size(), "the retention rule does not apply to a CCD run");
        assertEquals("cycling.ccd_ma_cm2 = 0.6000 < fail below limit 1.000", v.reasons().get(0).text());
        assertEquals(Verdict.Status.PASS, judge(r, "cycling", "c", Map.of("cycling.shorted", 1.0, "cycling.ccd_ma_cm2", 1.2)));
        // no short up to 1.5 mA/cm²: the CCD is above it, so above the limit
        assertEquals(Verdict.Status.PASS, judge(r, "cycling", "c", Map.of("cycling.shorted", 0.0, "cycling.ccd_above_ma_cm2", 1.5)));
        // no short, but the run stopped at 0.5 mA/cm²: whether the CCD reaches 1 is not known
        assertEquals(Verdict.Status.REVIEW, judge(r, "cycling", "c", Map.of("cycling.shorted", 0.0, "cycling.ccd_above_ma_cm2", 0.5)));
        // a cycling run is judged on its retention, not on a CCD it does not have
        assertEquals(Verdict.Status.PASS, judge(r, "cycling", "c", Map.of("cycling.cycles", 200.0, "cycling.retention_pct", 90.0)));
        assertEquals(Verdict.Status.REVIEW, judge(r, "cycling", "c", Map.of("cycling.cycles", 200.0, "cycling.retention_pct", 75.0)));
        // a voltammogram only on its window
        ModalityRegistry w = with("cycling", "[{\"metric\": \"window_onset_v\", \"fail_below\": 4.0}, {\"metric\": \"ccd_ma_cm2\", \"fail_below\": 1.0}]");
        assertEquals(Verdict.Status.FAIL, judge(w, "cycling", "p", Map.of("cycling.window_max_v", 5.0, "cycling.window_onset_v", 3.9)));
        assertEquals(Verdict.Status.PASS, judge(w, "cycling", "p", Map.of("cycling.window_max_v", 5.0, "cycling.window_onset_v", 4.45)));
    }

    @Test
    void xcsJudgesTheFlaggedFractionOfItsPixels() {
        ModalityRegistry r = with("xcs", "[{\"metric\": \"flagged_fraction\", \"fail_above\": 0.9, \"review_above\": 0.6}]");
        assertEquals(Verdict.Status.PASS, judge(r, "xcs", "s", Map.of("xcs.flagged_pixels", 3200.0, "xcs.pixels", 6400.0)));
        assertEquals(Verdict.Status.REVIEW, judge(r, "xcs", "s", Map.of("xcs.flagged_pixels", 4000.0, "xcs.pixels", 6400.0)));
        assertEquals(Verdict.Status.FAIL, judge(r, "xcs", "s", Map.of("xcs.flagged_pixels", 6000.0, "xcs.pixels", 6400.0)));
        assertEquals(Verdict.Status.REVIEW, judge(r, "xcs", "s", Map.of("xcs.flagged_pixels", 6000.0)), "no pixel count: missing");
    }

    private static String spec010() throws IOException {
        try (InputStream in = ModalityRulesTest.class.getResourceAsStream("/spec-0.1.0.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSpecificationOfRelease010StaysValidAndJudgesUltrasoundAloneAsThen() throws IOException {
        ModalityRegistry r = ModalityRegistry.standard(Specification.parse(spec010(), "spec-0.1.0.json"));
        for (Modality m : r.all()) {
            if (m.id().equals("ultrasound")) continue;
            assertNull(m.specificationName(), m.id() + " has no part in 0.1.0's specification");
            assertNull(m.judge("formation", "x/1", Map.of("ct.ra_um", 99.0, "cycling.shorted", 1.0, "cycling.ccd_ma_cm2", 0.01)), m.id() + ": not judged");
        }
        Modality ut = r.byId("t", "ultrasound");
        assertEquals("SolidScope default pouch-cell ultrasonic specification", ut.specificationName());
        Map<String, Double> scan = new HashMap<>(Map.of("ut.transmitting_fraction", 0.9, "ut.count.unwetted", 0.0, "ut.count.bubble", 0.0,
                "ut.largest_defect_mm2", 0.0, "ut.count.accumulation", 0.0, "ut.count.bulge", 0.0, "ut.uniformity_cv", 0.1));
        assertEquals(Verdict.Status.REVIEW, ut.judge("infiltration", "ut.stage/1", scan).status(), "0.9 < review below 0.95");
        scan.put("ut.count.unwetted", 1.0);
        assertEquals(Verdict.Status.FAIL, ut.judge("infiltration", "ut.stage/1", scan).status());
        assertEquals(Verdict.Status.FAIL, ut.judge(null, "ut.compare/1", Map.of("ut.solidification.degree_mean", 0.5, "ut.formation.recovery_mean", 0.9)).status());
    }

    @Test
    void aSpecificationWithoutAModalitysPartLeavesItNotJudged() {
        ModalityRegistry r = with("ct", "[{\"metric\": \"ra_um\", \"fail_above\": 5}]");
        assertEquals(Verdict.Status.FAIL, judge(r, "ct", "formed", Map.of("ct.ra_um", 6.0)));
        for (String other : List.of("eis", "cycling", "xcs", "ultrasound")) {
            assertNull(r.byId("t", other).judge("formation", "x/1", Map.of()), other + " is not judged, not PASS");
            assertNull(r.byId("t", other).specificationName());
        }
    }

    @Test
    void theDefaultSpecificationJudgesEveryModalityAndCarriesTheDemosCcdLimit() {
        ModalityRegistry r = ModalityRegistry.standard();
        for (Modality m : r.all()) assertNotNull(m.specificationName(), m.id() + " judged by the default specification");
        assertEquals(ModalityRegistry.DEFAULT_SPEC_NAME, r.spec().name());
        assertEquals(1.0, r.spec().root().path("cycling").path("rules").get(0).path("fail_below").asDouble(), "the CCD limit the README states");
        assertEquals(Verdict.Status.FAIL, judge(r, "cycling", "cycle_1", Map.of("cycling.shorted", 1.0, "cycling.ccd_ma_cm2", 0.6)));
        // its text is a specification like any other: printed, read back, the same content and fingerprint
        Specification again = Specification.parse(r.spec().json(), "printed.json");
        assertEquals(r.spec().fingerprint(), again.fingerprint());
        assertNotEquals(r.spec().fingerprint(), with("ct", "[]").spec().fingerprint());
    }

    @Test
    void aSpecificationIsCompleteOrRefused() {
        // a key no modality reads, a metric its modality does not produce, a key inside a part, a limit out of order
        InputException root = assertThrows(InputException.class, () -> ModalityRegistry.standard(Specification.parse(
                "{\"spec_version\": 1, \"cyclng\": {\"rules\": []}}", "s.json")));
        assertTrue(root.getMessage().contains("cyclng") && root.getMessage().contains("cycling"), root.getMessage());
        InputException metric = assertThrows(InputException.class, () -> with("eis", "[{\"metric\": \"rct\", \"fail_above\": 1}]"));
        assertTrue(metric.getMessage().contains("eis.rules[0].metric") && metric.getMessage().contains("rct_ohm"), metric.getMessage());
        InputException inner = assertThrows(InputException.class, () -> ModalityRegistry.standard(Specification.parse(
                "{\"spec_version\": 1, \"ct\": {\"rule\": []}}", "s.json")));
        assertTrue(inner.getMessage().contains("ct.rule"), inner.getMessage());
        InputException order = assertThrows(InputException.class, () -> with("xcs", "[{\"metric\": \"emf_p95\", \"fail_below\": 2, \"review_below\": 1}]"));
        assertTrue(order.getMessage().contains("review_below"), order.getMessage());
        InputException none = assertThrows(InputException.class, () -> with("ct", "[{\"metric\": \"ra_um\"}]"));
        assertTrue(none.getMessage().contains("at least one of"), none.getMessage());
        // rules for ultrasound must name all four groups, as in 0.1.0
        InputException partial = assertThrows(InputException.class, () -> ModalityRegistry.standard(Specification.parse(
                "{\"spec_version\": 1, \"rules\": {\"infiltration\": []}}", "s.json")));
        assertTrue(partial.getMessage().contains("rules.solidification"), partial.getMessage());
    }

    @Test
    void settingsAndRulesChangeTheFingerprintARunKeyHolds() {
        ModalityRegistry a = ModalityRegistry.standard(Specification.parse("{\"spec_version\": 1, \"eis\": {\"rules\": []}}", "a.json"));
        ModalityRegistry b = ModalityRegistry.standard(Specification.parse("{\"spec_version\": 1, \"eis\": {\"rules\": [], \"settings\": {\"starts\": 2}}}", "b.json"));
        ModalityRegistry c = ModalityRegistry.standard(Specification.parse("{\"spec_version\": 1, \"eis\": {\"rules\": [{\"metric\": \"rs_ohm\", \"fail_above\": 1}]}}", "c.json"));
        String fa = a.byId("t", "eis").settingsFingerprint(), fb = b.byId("t", "eis").settingsFingerprint(), fc = c.byId("t", "eis").settingsFingerprint();
        assertNotEquals(fa, fb);
        assertNotEquals(fa, fc);
        assertEquals(fa, ModalityRegistry.standard(Specification.parse("{\"eis\": {\"rules\": []}, \"spec_version\": 1}", "a2.json")).byId("t", "eis").settingsFingerprint());
        InputException bad = assertThrows(InputException.class, () -> ModalityRegistry.standard(Specification.parse(
                "{\"spec_version\": 1, \"eis\": {\"settings\": {\"starts\": 0}}}", "s.json")));
        assertTrue(bad.getMessage().contains("eis.settings.starts"), bad.getMessage());
    }
}
