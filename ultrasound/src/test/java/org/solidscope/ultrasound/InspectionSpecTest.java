package org.solidscope.ultrasound;

import org.solidscope.core.record.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;

class InspectionSpecTest {
    @TempDir
    Path dir;

    InspectionSpec load(String json) throws IOException {
        Path f = dir.resolve("spec.json");
        Files.writeString(f, json);
        return InspectionSpec.load(f);
    }

    /** A complete specification whose infiltration rules are {@code infiltration} and whose other groups have no limits. */
    static String withInfiltration(String infiltration) {
        return "{\"spec_version\":1,\"rules\":{\"infiltration\":[" + infiltration + "],\"solidification\":[],\"formation\":[],\"comparison\":[]}}";
    }

    @Test
    void fingerprintIsTheContentNotTheOrderOfGroupsOrTheFileName() throws IOException {
        InspectionSpec a = InspectionSpec.parse("{\"spec_version\": 1, \"name\": \"s\", \"rules\": {\"infiltration\": [{\"metric\": \"count.bubble\", "
                + "\"fail_above\": 0}], \"solidification\": [], \"formation\": [], \"comparison\": []}}", "a.json");
        InspectionSpec b = InspectionSpec.parse("{\"name\": \"s\", \"spec_version\": 1, \"rules\": {\"comparison\": [], \"formation\": [], "
                + "\"solidification\": [], \"infiltration\": [{\"fail_above\": 0, \"metric\": \"count.bubble\"}]}}", "b.json");
        // the groups in the opposite order, in a map that keeps it: what Map.copyOf may do in another JVM
        Map<String, java.util.List<org.solidscope.core.record.Rule>> reversed = new java.util.LinkedHashMap<>();
        new java.util.ArrayList<>(new java.util.TreeMap<>(b.rules()).descendingMap().entrySet()).forEach(e -> reversed.put(e.getKey(), e.getValue()));
        InspectionSpec c = new InspectionSpec(b.name(), b.noiseFloorPercentFsh(), b.snrMarginDb(), b.transmittingThresholdDb(), b.edgeMarginMm(), b.defects(),
                reversed, "c.json");
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.fingerprint(), c.fingerprint());
        InspectionSpec stricter = InspectionSpec.parse("{\"spec_version\": 1, \"name\": \"s\", \"rules\": {\"infiltration\": [{\"metric\": \"count.bubble\", "
                + "\"fail_above\": 1}], \"solidification\": [], \"formation\": [], \"comparison\": []}}", "a.json");
        assertFalse(a.fingerprint().equals(stricter.fingerprint()), "a changed limit changes it");
    }

    @Test
    void verdictIsTheWorstRuleOutcomeWithReasons() throws IOException {
        InspectionSpec s = load(withInfiltration("{\"metric\":\"transmitting_fraction\",\"fail_below\":0.5,\"review_below\":0.9},"
                + "{\"metric\":\"count.bubble\",\"review_above\":0}"));
        assertEquals(Verdict.Status.PASS, s.judge("infiltration", Map.of("transmitting_fraction", 0.95, "count.bubble", 0.0)).status());
        Verdict r = s.judge("infiltration", Map.of("transmitting_fraction", 0.7, "count.bubble", 0.0));
        assertEquals(Verdict.Status.REVIEW, r.status());
        assertEquals("review_below", r.reasons().get(0).limitKind());
        assertEquals(0.9, r.reasons().get(0).limit());
        assertEquals(0.7, r.reasons().get(0).value());
        assertEquals(Verdict.Status.FAIL, s.judge("infiltration", Map.of("transmitting_fraction", 0.4, "count.bubble", 2.0)).status());
        assertEquals(Verdict.Status.REVIEW, s.judge("infiltration", Map.of("count.bubble", 0.0)).status(), "a missing metric is reviewed");
        assertEquals(Verdict.Status.PASS, s.judge("formation", Map.of("transmitting_fraction", 0.0)).status(),
                "an explicit empty list means no limits");
    }

    @Test
    void badSpecificationsNameTheField() throws IOException {
        assertEquals("spec_version", assertThrows(InputException.class, () -> load("{\"rules\":{}}")).field());
        assertEquals("rules.cycling", assertThrows(InputException.class, () -> load("{\"spec_version\":1,\"rules\":{\"cycling\":[]}}")).field());
        assertEquals("rules.infiltration[0].fail_below", assertThrows(InputException.class,
                () -> load(withInfiltration("{\"metric\":\"mean_db\",\"fail_below\":\"low\"}"))).field());
        assertEquals("noise_floor_percent_fsh", assertThrows(InputException.class,
                () -> load(withInfiltration("").replace("{\"spec_version\":1,", "{\"spec_version\":1,\"noise_floor_percent_fsh\":-1,"))).field());
        assertEquals("json", assertThrows(InputException.class, () -> load("{not json")).field());
    }

    @Test
    void aPartialSpecificationIsRefusedNotFilledWithNoLimits() throws IOException {
        // {"spec_version":1} alone once dropped every limit and turned battery-3's FAIL into PASS
        InputException e = assertThrows(InputException.class, () -> load("{\"spec_version\":1}"));
        assertEquals("rules", e.field());
        assertEquals("missing", e.found());
        e = assertThrows(InputException.class, () -> load("{\"spec_version\":1,\"rules\":{\"infiltration\":[],\"formation\":[],\"comparison\":[]}}"));
        assertEquals("rules.solidification", e.field());
        assertTrue(e.getMessage().contains("empty list"), e.getMessage());
    }

    @Test
    void unknownMetricsKeysInvertedLimitsAndNegativeMarginsAreRefused() throws IOException {
        InputException e = assertThrows(InputException.class, () -> load(withInfiltration("{\"metric\":\"transmiting_fraction\",\"fail_below\":0.8}")));
        assertEquals("rules.infiltration[0].metric", e.field());
        assertTrue(e.expected().contains("transmitting_fraction"), "the message lists the metrics that exist: " + e.getMessage());
        // a comparison metric is not a stage metric
        assertEquals("rules.infiltration[0].metric", assertThrows(InputException.class,
                () -> load(withInfiltration("{\"metric\":\"solidification.degree_mean\",\"fail_below\":0.8}"))).field());
        assertEquals("rules.infiltration[0].fail_above", assertThrows(InputException.class,
                () -> load(withInfiltration("{\"metric\":\"mean_db\",\"fail_below\":-10,\"fail_above\":-20}"))).field());
        assertEquals("rules.infiltration[0].review_below", assertThrows(InputException.class,
                () -> load(withInfiltration("{\"metric\":\"transmitting_fraction\",\"fail_below\":0.9,\"review_below\":0.8}"))).field(),
                "a review limit looser than the fail limit is inverted");
        assertEquals("rules.infiltration[1].metric", assertThrows(InputException.class,
                () -> load(withInfiltration("{\"metric\":\"mean_db\",\"fail_below\":-50},{\"metric\":\"mean_db\",\"fail_above\":0}"))).field());
        assertEquals("rules.infiltration[0].fail_abov", assertThrows(InputException.class,
                () -> load(withInfiltration("{\"metric\":\"mean_db\",\"fail_abov\":0}"))).field());
        assertEquals("rule", assertThrows(InputException.class,
                () -> load(withInfiltration("").replace("{\"spec_version\":1,", "{\"spec_version\":1,\"rule\":{},"))).field());
        assertEquals("snr_margin_db", assertThrows(InputException.class,
                () -> load(withInfiltration("").replace("{\"spec_version\":1,", "{\"spec_version\":1,\"snr_margin_db\":-3,"))).field());
        assertEquals("edge_margin_mm", assertThrows(InputException.class,
                () -> load(withInfiltration("").replace("{\"spec_version\":1,", "{\"spec_version\":1,\"edge_margin_mm\":-1,"))).field());
        assertEquals("transmitting_threshold_db", assertThrows(InputException.class,
                () -> load(withInfiltration("").replace("{\"spec_version\":1,", "{\"spec_version\":1,\"transmitting_threshold_db\":1e400,"))).field());
    }

    @Test
    void jsonErrorsSayWhereWithoutParserNotes() throws IOException {
        InputException e = assertThrows(InputException.class, () -> load("{\"spec_version\":1,\n\"rules\": [}"));
        assertTrue(e.found().contains("line 2"), e.getMessage());
        assertFalse(e.getMessage().contains("REDACTED"), e.getMessage());
        assertFalse(e.getMessage().contains("StreamReadFeature"), e.getMessage());
    }

    @Test
    void shippedDefaultLoads() {
        InspectionSpec s = InspectionSpec.defaults();
        assertEquals(3, s.edgeMarginMm());
        assertEquals(4, s.rules().size());
    }
}
