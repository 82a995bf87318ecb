package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.app.server.SolidScopeServer;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.RecordWriter;
import org.solidscope.core.Json;
import org.solidscope.workflow.ModalityRegistry;
import org.solidscope.workflow.analytics.LotCorrelationTest;

/** `lot correlate` and its API on a lot of 40 cells with ρ = 0.7 planted between a CT and an impedance metric. */
class LotCorrelateCliTest {
    @TempDir
    static Path dir;

    static Path ws;

    @BeforeAll
    static void lot() throws Exception {
        ws = dir.resolve("ws");
        Path raw = Files.createDirectories(dir.resolve("raw"));
        SplittableRandom rnd = new SplittableRandom(2026);
        double[][] s = LotCorrelationTest.sample(rnd, 40, 0.7);
        try (Catalog cat = Catalog.openWorkspace(ws)) {
            RecordWriter w = new RecordWriter(cat);
            for (int c = 0; c < 40; c++) {
                String cell = String.format("c%02d", c);
                LotCorrelationTest.store(w, raw, "L40", cell, "formation", "ct.ra_um", 2 + 0.5 * s[0][c]);
                LotCorrelationTest.store(w, raw, "L40", cell, "cycle_1", "eis.rct_ohm", 100 + 20 * s[1][c]);
                LotCorrelationTest.store(w, raw, "L40", cell, "charged_50", "xcs.emf_field", 1.8 + 0.05 * LotCorrelationTest.gauss(rnd));
            }
        }
    }

    @Test
    void thePlantedPairItsIntervalAndItsScatter() throws Exception {
        Path png = dir.resolve("scatter.png");
        CliTest.Run r = CliTest.run("lot", "correlate", "L40", "--x", "ct.ra_um@formation", "--y", "eis.rct_ohm@cycle_1", "--png", png.toString(),
                "--workspace", ws.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("over 40 cells"), r.out());
        JsonNode j = Json.mapper().readTree(CliTest.run("lot", "correlate", "L40", "--x", "ct.ra_um", "--y", "eis.rct_ohm", "--json", "--workspace", ws.toString()).out());
        double lo = j.path("spearman").path("ci95").get(0).asDouble(), hi = j.path("spearman").path("ci95").get(1).asDouble();
        assertTrue(lo <= 0.7 && 0.7 <= hi, j.toString());
        assertEquals(String.format(java.util.Locale.ROOT, "Spearman rho = %7.3f", j.path("spearman").path("rho").asDouble()),
                r.out().lines().filter(l -> l.contains("Spearman")).findFirst().orElseThrow().strip().substring(0, 22), "the text prints the JSON's number");
        assertEquals(40, j.path("cells").size());
        byte[] img = Files.readAllBytes(png);
        assertEquals((byte) 0x89, img[0]);

        CliTest.Run m = CliTest.run("lot", "correlate", "L40", "--matrix", "--workspace", ws.toString());
        assertEquals(0, m.code(), m.err());
        String first = m.out().lines().skip(2).findFirst().orElseThrow();
        assertTrue(first.startsWith("ct.ra_um@formation") && first.contains("eis.rct_ohm@cycle_1"), m.out());
    }

    @Test
    void whatCannotBeAnsweredIsRefusedNamingIt() {
        CliTest.Run unknown = CliTest.run("lot", "correlate", "L40", "--x", "ct.rz_um", "--y", "eis.rct_ohm", "--workspace", ws.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--x: metric: expected a metric stored in lot L40"), unknown.err());
        CliTest.Run both = CliTest.run("lot", "correlate", "L40", "--x", "ct.ra_um", "--y", "eis.rct_ohm", "--matrix", "--workspace", ws.toString());
        assertEquals(2, both.code());
        CliTest.Run lot = CliTest.run("lot", "correlate", "L41", "--matrix", "--workspace", ws.toString());
        assertEquals(2, lot.code());
        assertTrue(lot.err().contains("'L41'"), lot.err());
    }

    @Test
    void theApiGivesTheSameAnswer() throws Exception {
        try (Catalog cat = Catalog.openWorkspace(ws)) {
            SolidScopeServer server = new SolidScopeServer(cat, ModalityRegistry.standard(), true);
            String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newHttpClient();
                String q = "x=" + URLEncoder.encode("ct.ra_um@formation", StandardCharsets.UTF_8) + "&y=" + URLEncoder.encode("eis.rct_ohm@cycle_1", StandardCharsets.UTF_8);
                var json = http.send(HttpRequest.newBuilder(URI.create(base + "/api/lots/L40/correlate?" + q)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, json.statusCode(), json.body());
                JsonNode j = Json.mapper().readTree(json.body());
                assertEquals(40, j.path("n").asInt());
                assertEquals(40, j.path("points").size());
                assertFalse(json.body().contains("NaN"));
                var png = http.send(HttpRequest.newBuilder(URI.create(base + "/api/lots/L40/correlate.png?" + q)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, png.statusCode());
                assertEquals((byte) 0x89, png.body()[0]);
                var ranked = Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/lots/L40/correlations?top=2")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                assertEquals("ct.ra_um@formation", ranked.path("ranked").get(0).path("x").asText());
                assertEquals(2, ranked.path("ranked").size());
                assertEquals(400, http.send(HttpRequest.newBuilder(URI.create(base + "/api/lots/L40/correlate?x=ct.nothing&y=eis.rct_ohm")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
                assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/api/lots/none/correlate?" + q)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            } finally {
                server.stop();
            }
        }
    }
}
