package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.app.server.SolidScopeServer;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.Json;
import org.solidscope.core.Progress;
import org.solidscope.workflow.Ingest;
import org.solidscope.workflow.ModalityRegistry;

/** The server draws a modality it has never heard of (the toy, on the test class path only) as that modality says. */
class ToyModalityServerTest {
    @TempDir
    Path dir;

    @Test
    void theServerDrawsTheToysMapAndListsItsVerdict() throws Exception {
        Path f = Files.writeString(dir.resolve("t9_pristine.toy"), "toy 2 3\n5 6 7\n8 9 10\n");
        try (Catalog cat = Catalog.openWorkspace(dir.resolve("ws"))) {
            ModalityRegistry modalities = ModalityRegistry.standard();
            var r = new Ingest(cat, modalities).run(java.util.List.of(f), "lot-T", Map.of(), Progress.NONE);
            assertEquals(1, r.count(Ingest.Outcome.STORED), r.toString());
            SolidScopeServer server = new SolidScopeServer(cat, modalities, true);
            String base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
            try {
                HttpClient http = HttpClient.newHttpClient();
                JsonNode cells = Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/lots/lot-T/cells")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body());
                assertEquals("FAIL", cells.path("items").get(0).path("modalities").path("toy").asText(), cells.toString());
                long id = Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/cells/t9/timeline")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body()).path("states").get(0).path("measurements").get(0).path("measurement_id").asLong();
                for (String path : new String[] {"/map.png", "/arrays/field.png", "/map.png?lo=0&hi=20"}) {
                    var png = http.send(HttpRequest.newBuilder(URI.create(base + "/api/measurements/" + id + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, png.statusCode(), path);
                    assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""), path);
                    assertEquals((byte) 0x89, png.body()[0], path);
                }
                JsonNode field = Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/measurements/" + id + "/arrays/field.json")).build(),
                        HttpResponse.BodyHandlers.ofByteArray()).body());
                assertEquals(java.util.List.of(0.0, 10.0, "field (1)"), java.util.List.of(field.path("scale").path("lo").asDouble(),
                        field.path("scale").path("hi").asDouble(), field.path("scale").path("label").asText()), "the toy's own scale");
                assertEquals(10.0, field.path("rows").get(1).get(2).asDouble());
                var state = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cells/t9/states/pristine")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, state.statusCode());
                assertEquals("[\"toy\"]", Json.mapper().readTree(state.body()).path("modalities").toString());
                assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/api/cells/t9/states/formation")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
                var npy = http.send(HttpRequest.newBuilder(URI.create(base + "/api/measurements/" + id + "/map.npy")).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, npy.statusCode());
                assertTrue(npy.headers().firstValue("Content-Disposition").orElse("").contains("field-" + id + ".npy"));
            } finally {
                server.stop();
            }
        }
    }
}
