package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.app.server.SolidScopeServer;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.Json;
import org.solidscope.ultrasound.InspectionSpec;

/** Every endpoint of the API, with its errors: 401 without a token, 413 too large, 400 malformed (nothing stored), 404 unknown. */
class ServerApiTest {
    @TempDir
    static Path dir;
    static Catalog catalog;
    static SolidScopeServer server;
    static String base, token;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Path scans = dir.resolve("scans");
        assertEquals(0, CliTest.run("ut", "simulate", "--cell", "battery-2", "--out", scans.toString()).code());
        assertEquals(0, CliTest.run("ingest", scans.resolve("battery-2_infiltration.csv").toString(), scans.resolve("battery-2_solidification.csv").toString(),
                "--lot", "L1", "--workspace", dir.resolve("ws").toString()).code());
        catalog = Catalog.openWorkspace(dir.resolve("ws"));
        token = new ApiTokens(catalog).create("test-station");
        server = new SolidScopeServer(catalog, org.solidscope.workflow.ModalityRegistry.standard(), true);
        base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return Json.mapper().readTree(r.body());
    }

    /** A multipart upload of one scan file (and the lot). */
    static HttpResponse<byte[]> upload(String fileName, byte[] content, String lot, String bearer) throws Exception {
        return upload(fileName, content, lot, bearer, null);
    }

    /** The same with a {@code cell_id} form field (when not null). */
    static HttpResponse<byte[]> upload(String fileName, byte[] content, String lot, String bearer, String cellId) throws Exception {
        String b = "----solidscope" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + b + "\r\nContent-Disposition: form-data; name=\"lot\"\r\n\r\n" + lot + "\r\n").getBytes(StandardCharsets.UTF_8));
        if (cellId != null) body.write(("--" + b + "\r\nContent-Disposition: form-data; name=\"cell_id\"\r\n\r\n" + cellId + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(("--" + b + "\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + b + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var req = HttpRequest.newBuilder(URI.create(base + "/api/scans")).header("Content-Type", "multipart/form-data; boundary=" + b)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (bearer != null) req.header("Authorization", "Bearer " + bearer);
        // each upload on a connection of its own: a POST is not retried on a pooled connection the server closed meanwhile
        // (after a refused body, or idle), and the test command twice met that race on Jetty 12
        return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void readEndpoints() throws Exception {
        var lots = get("/api/lots");
        assertEquals(200, lots.statusCode());
        boolean l1 = false;
        for (JsonNode l : json(lots)) l1 |= l.get("lot").asText().equals("L1");
        assertTrue(l1, json(lots).toString());
        var cells = json(get("/api/lots/L1/cells?page=1&size=10"));
        assertEquals(1, cells.get("total").asInt());
        assertEquals("battery-2", cells.get("items").get(0).get("cell").asText());
        assertEquals(0, json(get("/api/lots/L1/cells?verdict=FAIL")).get("total").asInt());
        assertEquals(2, json(get("/api/lots/L1/stats")).size());
        assertEquals(2, json(get("/api/lots/L1/measurements")).size());
        JsonNode cell = json(get("/api/cells/battery-2/timeline"));
        assertEquals(2, cell.get("states").size());
        assertEquals("infiltration", cell.get("states").get(0).get("state").asText());
        JsonNode first = cell.get("states").get(0).get("measurements").get(0);
        assertEquals("ultrasound", first.get("modality").asText());
        assertEquals("dB", first.get("metrics").get("ut.mean_db").get("unit").asText());
        long mid = first.get("measurement_id").asLong();
        assertEquals(1, json(get("/api/cells/battery-2")).get("states").get(0).get("measurements").get(0).get("history").size());
        assertEquals(200, get("/api/measurements/" + mid + "/arrays/levels.png").statusCode());
        assertEquals(404, get("/api/measurements/" + mid + "/arrays/nothing.png").statusCode());
        assertEquals(400, get("/api/measurements/" + mid + "/arrays/levels.gif").statusCode());
        var png = get("/api/measurements/" + mid + "/map.png?lo=-70&hi=-15&width=400");
        assertEquals(200, png.statusCode());
        assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
        assertEquals((byte) 0x89, png.body()[0]);
        var npy = get("/api/measurements/" + mid + "/map.npy");
        assertEquals(200, npy.statusCode());
        assertEquals((byte) 0x93, npy.body()[0]);
        var degree = get("/api/cells/battery-2/comparison.png?kind=degree");
        assertEquals(200, degree.statusCode());
        assertEquals((byte) 0x89, degree.body()[0]);
        assertEquals(404, get("/api/cells/battery-2/comparison.png?kind=recovery").statusCode(), "no formation stage yet");
        assertEquals(404, get("/api/cells/battery-2/comparison.png?kind=other").statusCode(), "no comparison holds such a map");
        assertEquals(400, get("/api/cells/battery-2/comparison.png?kind=Other%21").statusCode(), "not an array's name");
        JsonNode openapi = json(get("/api/openapi.json"));
        assertEquals("3.0.3", openapi.get("openapi").asText());
        assertTrue(openapi.get("paths").has("/api/scans"));
        assertEquals(200, get("/").statusCode());
        assertEquals(200, get("/cell.html").statusCode());
    }

    @Test
    void unknownIdsAre404AndBadParametersAre400() throws Exception {
        assertEquals(404, get("/api/cells/nobody").statusCode());
        assertEquals(404, get("/api/cells/nobody/timeline").statusCode());
        assertEquals("not found", json(get("/api/cells/nobody/timeline")).get("error").asText());
        assertEquals(400, get("/api/lots/L1/cells?where=ct.ra_um~1").statusCode());
        assertEquals("not found", json(get("/api/cells/nobody")).get("error").asText());
        assertEquals(404, get("/api/lots/nolot/cells").statusCode());
        assertEquals(404, get("/api/lots/nolot/stats").statusCode());
        assertEquals(404, get("/api/measurements/999999/map.png").statusCode());
        assertEquals(404, get("/api/measurements/999999/map.npy").statusCode());
        assertEquals(400, get("/api/measurements/abc/map.png").statusCode());
        assertEquals(400, get("/api/lots/L1/cells?verdict=MAYBE").statusCode());
        assertEquals(400, get("/api/lots/L1/cells?size=0").statusCode());
        var r = get("/api/measurements/abc/map.png");
        assertFalse(new String(r.body(), StandardCharsets.UTF_8).contains("Exception"), "no stack traces");
    }

    @Test
    void uploadsNeedATokenAreLimitedAndRejectMalformedScans() throws Exception {
        byte[] good = Files.readAllBytes(dir.resolve("scans").resolve("battery-2_formation.csv"));
        assertEquals(401, upload("battery-2_formation.csv", good, "L1", null).statusCode());
        assertEquals(401, upload("battery-2_formation.csv", good, "L1", "ss_wrong").statusCode());
        long before = json(get("/api/lots/L1/measurements")).size();
        var bad = upload("cellz_infiltration.csv", "# pitch_mm: 0.5\n# gain_db: 15\n1,2\n3,oops\n".getBytes(StandardCharsets.UTF_8), "L1", token);
        assertEquals(400, bad.statusCode());
        String detail = json(bad).get("detail").asText();
        assertTrue(detail.contains("cellz_infiltration.csv") && detail.contains("line 4, column 2") && !detail.contains("/tmp"), detail);
        assertEquals(before, json(get("/api/lots/L1/measurements")).size(), "nothing stored from a rejected upload");
        assertEquals(404, get("/api/cells/cellz").statusCode());
        byte[] huge = new byte[(int) SolidScopeServer.MAX_UPLOAD_BYTES + 1024];
        assertEquals(413, upload("big_infiltration.csv", huge, "L1", token).statusCode());
        var ok = upload("battery-2_formation.csv", good, "L1", token);
        assertEquals(201, ok.statusCode(), new String(ok.body(), StandardCharsets.UTF_8));
        assertEquals("stored", json(ok).get("outcome").asText());
        assertEquals(200, upload("battery-2_formation.csv", good, "L1", token).statusCode(), "same bytes again: already present");
        assertEquals(before + 1, json(get("/api/lots/L1/measurements")).size());
        // an over-long cell id (here from the file name) is refused before any blob is written
        long blobs = catalog.arrays().all().size();
        byte[] other = (new String(good, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8);
        var longId = upload("y_infiltration.csv", other, "L1", token, "x".repeat(300));
        assertEquals(400, longId.statusCode());
        assertTrue(json(longId).get("detail").asText().contains("cell_id"), json(longId).toString());
        var longName = upload("x".repeat(300) + "_infiltration.csv", other, "L1", token);
        assertEquals(400, longName.statusCode());
        assertTrue(json(longName).get("detail").asText().contains("file name"), json(longName).toString());
        assertEquals(blobs, catalog.arrays().all().size(), "no orphan blobs");
        var traversal = upload("../../etc/passwd_infiltration.csv", good, "L1", token);
        assertTrue(traversal.statusCode() == 200 || traversal.statusCode() == 201 || traversal.statusCode() == 400, "a hostile name stays a file name");
        assertFalse(Files.exists(Path.of("/etc/passwd_infiltration.csv")));
    }

    @Test
    void spectraAndCurvesDrawAndHostileSpectraAreRefused() throws Exception {
        // an impedance spectrum and a cycler run: their arrays (no pitch) draw as lines, not a 500
        Path eis = dir.resolve("cellq_formation.csv"), run = dir.resolve("cellr_formation.csv");
        assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,C1)", "--parameters", "10,100,1e-5", "--out", eis.toString()).code());
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "seed004-rate", "--out", run.toString()).code());
        for (Path f : new Path[] {eis, run}) {
            var up = upload(f.getFileName().toString(), Files.readAllBytes(f), "L9", token);
            assertEquals(201, up.statusCode(), new String(up.body(), StandardCharsets.UTF_8));
        }
        var ms = json(get("/api/lots/L9/measurements"));
        for (var m : ms) {
            String cell = m.path("cell_id").asText(), id = m.path("id").asText(m.path("measurement_id").asText());
            String array = cell.equals("cellq") ? "spectrum" : cell.equals("cellr") ? "curve" : null;
            if (array == null) continue;
            var png = get("/api/measurements/" + id + "/arrays/" + array + ".png");
            assertEquals(200, png.statusCode(), array + ": " + new String(png.body(), StandardCharsets.UTF_8));
            assertEquals(200, get("/api/measurements/" + id + "/arrays/" + array + ".png?width=800").statusCode());
            assertEquals(400, get("/api/measurements/" + id + "/arrays/" + array + ".png?width=abc").statusCode());
        }
        // spectra no instrument gives: 4xx naming the point, nothing stored
        long before = json(get("/api/lots/L9/measurements")).size();
        for (double scale : new double[] {1e300, 1e-300}) {
            StringBuilder b = new StringBuilder("frequency_hz,z_real_ohm,z_imag_ohm\n");
            for (int i = 0; i < 30; i++) b.append(Math.pow(10, 5 - 0.25 * i)).append(',').append(10 * scale).append(',').append(-scale).append('\n');
            var r = upload("cellh_formation.csv", b.toString().getBytes(StandardCharsets.UTF_8), "L9", token);
            assertEquals(400, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            assertTrue(json(r).get("detail").asText().contains("|Z|"), json(r).toString());
        }
        assertEquals(before, json(get("/api/lots/L9/measurements")).size());
        // a design number past any physical one: 400 naming it (it had answered 200 with Infinity)
        var design = get("/api/design/energy?loading_mg_cm2=1e308");
        assertEquals(400, design.statusCode(), new String(design.body(), StandardCharsets.UTF_8));
        assertTrue(json(design).toString().contains("loading_mg_cm2"), json(design).toString());
    }

    @Test
    void readsNeedATokenWhenNotOnLoopback() throws Exception {
        SolidScopeServer open = new SolidScopeServer(catalog, org.solidscope.workflow.ModalityRegistry.standard(), false);
        int port = open.start("127.0.0.1", 0);
        try {
            var anon = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/lots")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anon.statusCode());
            var anonTimeline = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cells/battery-2/timeline")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonTimeline.statusCode());
            var authTimeline = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cells/battery-2/timeline"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, authTimeline.statusCode());
            var auth = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/lots")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, auth.statusCode());
        } finally {
            open.stop();
        }
    }
}
