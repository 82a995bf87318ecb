package org.solidscope.ultrasound;

import org.solidscope.core.record.Verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void verdictIsTheWorstRuleOutcomeWithReasons() throws IOException {
        InspectionSpec s = load("{\"spec_version\":1,\"rules\":{\"infiltration\":[{\"metric\":\"a\",\"fail_below\":0.5,\"review_below\":0.9},"
                + "{\"metric\":\"b\",\"review_above\":0}]}}");
        assertEquals(Verdict.Status.PASS, s.judge("infiltration", Map.of("a", 0.95, "b", 0.0)).status());
        Verdict r = s.judge("infiltration", Map.of("a", 0.7, "b", 0.0));
        assertEquals(Verdict.Status.REVIEW, r.status());
        assertEquals("review_below", r.reasons().get(0).limitKind());
        assertEquals(0.9, r.reasons().get(0).limit());
        assertEquals(0.7, r.reasons().get(0).value());
        assertEquals(Verdict.Status.FAIL, s.judge("infiltration", Map.of("a", 0.4, "b", 2.0)).status());
        assertEquals(Verdict.Status.REVIEW, s.judge("infiltration", Map.of("b", 0.0)).status(), "a missing metric is reviewed");
    }

    @Test
    void badSpecificationsNameTheField() throws IOException {
        assertEquals("spec_version", assertThrows(InputException.class, () -> load("{\"rules\":{}}")).field());
        assertEquals("rules.cycling", assertThrows(InputException.class, () -> load("{\"spec_version\":1,\"rules\":{\"cycling\":[]}}")).field());
        assertEquals("rules.formation[0].fail_below", assertThrows(InputException.class,
                () -> load("{\"spec_version\":1,\"rules\":{\"formation\":[{\"metric\":\"x\",\"fail_below\":\"low\"}]}}")).field());
        assertEquals("noise_floor_percent_fsh", assertThrows(InputException.class,
                () -> load("{\"spec_version\":1,\"noise_floor_percent_fsh\":-1}")).field());
        assertEquals("json", assertThrows(InputException.class, () -> load("{not json")).field());
    }

    @Test
    void shippedDefaultLoads() {
        InspectionSpec s = InspectionSpec.defaults();
        assertEquals(3, s.edgeMarginMm());
        assertEquals(4, s.rules().size());
    }
}
