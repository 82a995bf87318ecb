package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.app.server.SolidScopeServer;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.Json;
import org.solidscope.ultrasound.InspectionSpec;

/**
 * The server against requests no browser sends: every answer is JSON with a status from the request
 * (400/404/408/411/413/414/431), never a 500 for a client's fault, and nothing is stored or left in
 * the array store. Requests go over raw sockets so that they can lie.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerHardeningTest {
    @TempDir
    static Path dir;
    static Catalog catalog;
    static SolidScopeServer server;
    static int port;
    static String token;
    static byte[] scan;

    @BeforeAll
    static void start() throws IOException {
        Path scans = dir.resolve("scans");
        assertEquals(0, CliTest.run("ut", "simulate", "--cell", "battery-1", "--stage", "infiltration", "--out", scans.toString()).code());
        scan = Files.readAllBytes(scans.resolve("battery-1_infiltration.csv"));
        catalog = Catalog.openWorkspace(dir.resolve("ws"));
        token = new ApiTokens(catalog).create("hardening");
        server = new SolidScopeServer(catalog, org.solidscope.workflow.ModalityRegistry.standard(), true).readTimeoutMs(1500);
        port = server.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.stop();
        catalog.close();
    }

    record Answer(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    /** Sends {@code request} as given (half-closed when {@code close}) and reads the answer. */
    static Answer raw(byte[] request, boolean close) throws IOException {
        if (close) return parse(RawHttp.send(port, request, 20_000));
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] b = new byte[8192];
            int n;
            while ((n = in.read(b)) > 0) {
                got.write(b, 0, n);
                if (RawHttp.complete(got.toString(StandardCharsets.ISO_8859_1))) break;
            }
            return parse(got.toString(StandardCharsets.UTF_8));
        }
    }

    static Answer parse(String r) {
        assertTrue(r.startsWith("HTTP/1.1 "), "an HTTP answer: " + r);
        int status = Integer.parseInt(r.substring(9, 12));
        int end = r.indexOf("\r\n\r\n");
        String head = r.substring(0, end);
        String type = head.lines().filter(l -> l.toLowerCase().startsWith("content-type:")).map(l -> l.substring(13).strip()).findFirst().orElse("");
        return new Answer(status, type, r.substring(end + 4));
    }

    static Answer raw(String request) throws IOException {
        return raw(request.getBytes(StandardCharsets.UTF_8), false);
    }

    /** The answer is JSON {"error", "detail"} with the given status. */
    static JsonNode jsonError(Answer a, int status) throws IOException {
        assertEquals(status, a.status(), a.body());
        assertTrue(a.contentType().startsWith("application/json"), "JSON, not " + a.contentType() + ": " + a.body());
        JsonNode j = a.json();
        assertTrue(j.has("error") && j.has("detail"), a.body());
        return j;
    }

    static byte[] multipart(String boundary, String fileName, byte[] content, String lot) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"lot\"\r\n\r\n" + lot + "\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"scan\"; filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        b.writeBytes(content);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    static byte[] post(String path, String contentType, long declaredLength, byte[] body) {
        return post(path, contentType, declaredLength, body, token);
    }

    static byte[] post(String path, String contentType, long declaredLength, byte[] body, String token) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + declaredLength + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(body);
        return b.toByteArray();
    }

    static long blobs() throws IOException {
        Path arrays = dir.resolve("ws").resolve("arrays");
        if (!Files.exists(arrays)) return 0;
        try (var w = Files.walk(arrays)) {
            return w.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIs400() throws IOException {
        long before = blobs();
        byte[] body = multipart("XyZ", "short.csv", scan, "L1");
        byte[] cut = java.util.Arrays.copyOf(body, body.length / 2);
        jsonError(raw(post("/api/scans", "multipart/form-data; boundary=XyZ", body.length, cut), true), 400);
        assertEquals(before, blobs(), "nothing stored");
    }

    @Test
    void aBodyThatStopsArrivingIs408() throws IOException {
        byte[] body = multipart("XyZ", "slow.csv", scan, "L1");
        byte[] part = java.util.Arrays.copyOf(body, 100);
        Answer a = raw(post("/api/scans", "multipart/form-data; boundary=XyZ", body.length, part), false);
        JsonNode j = jsonError(a, 408);
        assertTrue(j.get("detail").asText().contains("did not arrive"), j.toString());
    }

    @Test
    void malformedMultipartIs400() throws IOException {
        byte[] junk = "this is not multipart at all\r\n".getBytes(StandardCharsets.UTF_8);
        jsonError(raw(post("/api/scans", "multipart/form-data; boundary=XyZ", junk.length, junk), true), 400);
        byte[] body = multipart("XyZ", "a.csv", scan, "L1");
        jsonError(raw(post("/api/scans", "text/csv", body.length, body), true), 400);
        jsonError(raw(post("/api/scans", "multipart/form-data", body.length, body), true), 400);
    }

    @Test
    void longAndNulFileNamesAre400() throws IOException {
        long before = blobs();
        byte[] body = multipart("XyZ", "a".repeat(5000) + ".csv", scan, "L1");
        JsonNode j = jsonError(raw(post("/api/scans", "multipart/form-data; boundary=XyZ", body.length, body), true), 400);
        assertTrue(j.get("detail").asText().contains("file name") || j.get("detail").asText().contains("Header Line"), j.toString());
        body = multipart("XyZ", "b".repeat(300) + ".csv", scan, "L1");
        j = jsonError(raw(post("/api/scans", "multipart/form-data; boundary=XyZ", body.length, body), true), 400);
        assertTrue(j.get("detail").asText().contains("at most 200 characters"), j.toString());
        body = multipart("XyZ", "bad\u0000name.csv", scan, "L1");
        jsonError(raw(post("/api/scans", "multipart/form-data; boundary=XyZ", body.length, body), true), 400);
        assertEquals(before, blobs());
    }

    @Test
    void hugePagesAndUnknownRoutesAreJson() throws IOException {
        jsonError(raw("GET /api/lots/L1/cells?page=2147483647 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        jsonError(raw("GET /api/lots/L1/cells?page=99999999999 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        JsonNode j = jsonError(raw("GET /api/nothing-here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404);
        assertTrue(j.get("detail").asText().contains("/api/nothing-here"), j.toString());
        jsonError(raw("GET /no-such-page.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404);
        jsonError(raw("DELETE /api/lots HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n"), 404);
        jsonError(raw("GET /api/cells/" + "c".repeat(300) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404);
    }

    @Test
    void jettysOwnRefusalsAreJsonToo() throws IOException {
        jsonError(raw("GARBAGE\r\n\r\n"), 400);
        jsonError(raw("GET /api/lots?" + "q".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"), 414);
        jsonError(raw("GET /api/lots HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(20_000) + "\r\n\r\n"), 431);
        jsonError(raw(post("/api/scans", "multipart/form-data; boundary=XyZ", SolidScopeServer.MAX_UPLOAD_BYTES + 1, new byte[0]), true), 413);
        byte[] noLength = ("POST /api/scans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: multipart/form-data; boundary=XyZ\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        jsonError(raw(noLength, true), 411);
    }

    @Test
    void aServerFaultIsLoggedUnderTheIdItsAnswerCarries() throws Exception {
        Catalog closed = Catalog.openWorkspace(dir.resolve("ws-closed"));
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<Throwable> causes = new java.util.concurrent.CopyOnWriteArrayList<>();
        SolidScopeServer broken = new SolidScopeServer(closed, org.solidscope.workflow.ModalityRegistry.standard(), true).alsoReportErrorsTo((m, e) -> {
            logged.add(m);
            causes.add(e);
        });
        int p = broken.start("127.0.0.1", 0);
        closed.close(); // every query now fails inside the server: its fault, not the client's
        int saved = port;
        port = p;
        try {
            JsonNode j = jsonError(raw("GET /api/lots HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 500);
            String id = j.get("id").asText();
            assertFalse(id.isBlank());
            assertTrue(j.get("detail").asText().contains(id));
            assertFalse(j.toString().contains("Hikari") || j.toString().contains("jdbc"), "no internals in the answer: " + j);
            assertEquals(1, logged.size());
            assertTrue(logged.get(0).contains("error id " + id) && logged.get(0).contains("/api/lots"), logged.get(0));
            assertTrue(causes.get(0).getMessage().contains("closed"), "the cause goes to the log: " + causes.get(0));
        } finally {
            port = saved;
            broken.stop();
        }
    }
}
