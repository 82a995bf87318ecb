package org.solidscope.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Fit(double rOhm, double sigmaOhm, float gainDb, double[] residuals, Double boxed) {}

    @Test
    void aNumberThatIsNotFiniteIsWrittenAsNullEverywhere() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nan", Double.NaN);
        m.put("inf", Double.POSITIVE_INFINITY);
        m.put("list", List.of(1.5, Double.NaN));
        m.put("fit", new Fit(12.5, Double.NaN, Float.NaN, new double[] {0.25, Double.NEGATIVE_INFINITY, -1}, Double.NaN));
        ObjectNode tree = Json.mapper().createObjectNode();
        tree.put("x", Double.NaN);
        tree.putArray("a").add(Double.NaN).add(2.0);
        m.put("tree", tree);
        for (String text : List.of(Json.write(m), Json.writeCompact(m), Json.writeSnake(m))) {
            assertTrue(!text.contains("NaN") && !text.contains("Infinity"), text);
            JsonNode j = Json.mapper().readTree(text);
            assertTrue(j.get("nan").isNull() && j.get("inf").isNull(), text);
            assertEquals(1.5, j.get("list").get(0).asDouble());
            assertTrue(j.get("list").get(1).isNull());
            JsonNode fit = j.get("fit");
            assertEquals(12.5, fit.path("rOhm").isMissingNode() ? fit.get("r_ohm").asDouble() : fit.get("rOhm").asDouble());
            assertTrue((fit.has("sigmaOhm") ? fit.get("sigmaOhm") : fit.get("sigma_ohm")).isNull(), text);
            assertTrue((fit.has("gainDb") ? fit.get("gainDb") : fit.get("gain_db")).isNull(), text);
            assertTrue(fit.get("boxed").isNull(), text);
            JsonNode r = fit.get("residuals");
            assertEquals(3, r.size());
            assertEquals(0.25, r.get(0).asDouble());
            assertTrue(r.get(1).isNull());
            assertEquals(-1, r.get(2).asDouble());
            assertTrue(j.get("tree").get("x").isNull() && j.get("tree").get("a").get(0).isNull() && j.get("tree").get("a").get(1).asDouble() == 2);
        }
    }
}
