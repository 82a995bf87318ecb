package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.app.server.SolidScopeServer;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.Checksums;
import org.solidscope.core.Json;
import org.solidscope.ultrasound.InspectionSpec;

/**
 * Load on loopback: 8 clients upload and read for 60 s (system property {@code solidscope.load.seconds}
 * changes it), one request in ten malformed in the ways the hardening test knows. Afterwards: no answer
 * of 500 or above, no orphan blob, and every good file that was uploaded is in the record exactly once,
 * however many clients sent it at the same time. The figures go to {@code target/load-test.json}.
 */
class ServerLoadTest {
    static final int CLIENTS = 8;
    static final int GOOD_FILES = 120;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void eightClientsForAMinuteWithOneRequestInTenMalformed() throws Exception {
        long seconds = Long.getLong("solidscope.load.seconds", 60);
        Path scans = dir.resolve("scans");
        assertEquals(0, CliTest.run("ut", "simulate", "--cell", "battery-4", "--stage", "infiltration", "--out", scans.toString()).code());
        String base = Files.readString(scans.resolve("battery-4_infiltration.csv"));
        // distinct files: the same scan with one value nudged, under its own cell id
        List<byte[]> good = new ArrayList<>();
        int lastComma = base.lastIndexOf(',');
        for (int k = 0; k <= GOOD_FILES; k++) { // the last one is the other lot's cell
            good.add((base.substring(0, lastComma + 1) + (k * 0.001) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Catalog catalog = Catalog.openWorkspace(dir.resolve("ws"));
        String token = new ApiTokens(catalog).create("load");
        SolidScopeServer server = new SolidScopeServer(catalog, InspectionSpec.defaults(), true).readTimeoutMs(5000);
        int port = server.start("127.0.0.1", 0);
        String url = "http://127.0.0.1:" + port;
        // a cell of another lot, for the misfiled case
        HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();
        assertEquals(201, upload(http, url, token, "other-cell_infiltration.csv", good.get(GOOD_FILES), "L-other").statusCode());

        Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();
        Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
        List<String> faults = java.util.Collections.synchronizedList(new ArrayList<>());
        Set<Integer> uploadedOk = ConcurrentHashMap.newKeySet();
        AtomicLong requests = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            final int client = c;
            running.add(pool.submit(() -> {
                Random r = new Random(1000 + client);
                while (System.nanoTime() < end) {
                    String kind;
                    int status;
                    String body;
                    try {
                        if (r.nextInt(10) == 0) {
                            kind = "malformed";
                            String[] answer = malformed(r, port, token, good.get(r.nextInt(GOOD_FILES)));
                            status = Integer.parseInt(answer[0]);
                            body = answer[1];
                            if (status < 400) faults.add("a malformed request answered " + status + ": " + body);
                        } else if (r.nextBoolean()) {
                            kind = "upload";
                            int k = r.nextInt(GOOD_FILES);
                            HttpResponse<String> a = upload(http, url, token, "load-" + k + "_infiltration.csv", good.get(k), "L-load");
                            status = a.statusCode();
                            body = a.body();
                            if (status == 200 || status == 201) uploadedOk.add(k);
                            else faults.add("good upload answered " + status + ": " + body);
                        } else {
                            kind = "read";
                            String path = switch (r.nextInt(4)) {
                                case 0 -> "/api/lots/L-load/cells?page=1&size=50";
                                case 1 -> "/api/lots";
                                case 2 -> "/api/cells/load-" + r.nextInt(GOOD_FILES) + "/timeline";
                                default -> "/api/lots/L-load/stats";
                            };
                            HttpResponse<String> a = http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
                            status = a.statusCode();
                            body = a.body();
                            if (status != 200 && status != 404) faults.add("read " + path + " answered " + status);
                        }
                    } catch (Exception e) {
                        faults.add("client " + client + ": " + e);
                        continue;
                    }
                    requests.incrementAndGet();
                    byKind.computeIfAbsent(kind, x -> new AtomicLong()).incrementAndGet();
                    byStatus.computeIfAbsent(status, x -> new AtomicLong()).incrementAndGet();
                    if (status >= 500 && status != 505) faults.add(kind + " answered " + status + ": " + body);
                }
                return null;
            }));
        }
        for (Future<?> f : running) f.get();
        pool.shutdown();
        server.stop();

        // the record afterwards: each good file once, nothing half-stored
        Set<String> goodShas = new java.util.HashSet<>();
        for (int k : uploadedOk) goodShas.add(Checksums.sha256(good.get(k)));
        Map<String, Integer> stored = new LinkedHashMap<>();
        try (var c = catalog.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT m.raw_sha256, COUNT(*) FROM measurement m JOIN cell_state s ON s.id = m.state_id JOIN cell c ON c.id = s.cell_id "
                     + "WHERE c.lot_id = 'L-load' GROUP BY m.raw_sha256")) {
            while (rs.next()) stored.put(rs.getString(1).strip(), rs.getInt(2));
        }
        Set<String> referenced = catalog.referencedBlobs();
        long orphans = catalog.arrays().all().stream().filter(b -> !referenced.contains(b)).count();
        catalog.close();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("clients", CLIENTS);
        report.put("seconds", seconds);
        report.put("requests", requests.get());
        report.put("requests_per_s", requests.get() / (double) seconds);
        report.put("by_kind", byKind);
        report.put("by_status", new java.util.TreeMap<>(byStatus));
        report.put("good_files_uploaded", uploadedOk.size());
        report.put("measurements_stored", stored.size());
        report.put("orphan_blobs", orphans);
        report.put("faults", faults.size());
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "load-test.json"), Json.write(report));
        System.out.println("load test: " + Json.writeCompact(report));

        assertTrue(faults.isEmpty(), faults.size() + " faults, first: " + faults.stream().limit(5).toList());
        assertEquals(0, orphans, "no orphan blobs");
        assertEquals(goodShas, stored.keySet(), "every good upload stored, nothing else");
        stored.forEach((sha, n) -> assertEquals(1, n, sha + " stored once"));
        assertTrue(byKind.getOrDefault("malformed", new AtomicLong()).get() > 0 && byKind.get("upload").get() > 0 && byKind.get("read").get() > 0);
    }

    static HttpResponse<String> upload(HttpClient http, String url, String token, String name, byte[] content, String lot) throws Exception {
        String b = "load" + Long.toHexString(System.nanoTime());
        byte[] body = ServerHardeningTest.multipart(b, name, content, lot);
        return http.send(HttpRequest.newBuilder(URI.create(url + "/api/scans")).header("Content-Type", "multipart/form-data; boundary=" + b)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One malformed request of the kinds the hardening test lists; returns {status, body}. */
    static String[] malformed(Random r, int port, String token, byte[] scan) throws IOException {
        String b = "XyZ";
        byte[] body = ServerHardeningTest.multipart(b, "load-bad_infiltration.csv", scan, "L-load");
        byte[] request = switch (r.nextInt(9)) {
            case 0 -> ServerHardeningTest.post("/api/scans", "multipart/form-data; boundary=" + b, body.length, java.util.Arrays.copyOf(body, body.length / 2), token);
            case 1 -> ServerHardeningTest.post("/api/scans", "multipart/form-data; boundary=" + b, 0, new byte[0], token);
            case 2 -> {
                byte[] nul = ServerHardeningTest.multipart(b, "bad\u0000name.csv", scan, "L-load");
                yield ServerHardeningTest.post("/api/scans", "multipart/form-data; boundary=" + b, nul.length, nul, token);
            }
            case 3 -> {
                byte[] longName = ServerHardeningTest.multipart(b, "n".repeat(5000) + ".csv", scan, "L-load");
                yield ServerHardeningTest.post("/api/scans", "multipart/form-data; boundary=" + b, longName.length, longName, token);
            }
            case 4 -> { // a cell of lot L-other offered under L-load (bytes of a good file: refused as misfiled, or as stored elsewhere)
                byte[] misfiled = ServerHardeningTest.multipart(b, "other-cell_solidification.csv", scan, "L-load");
                yield ServerHardeningTest.post("/api/scans", "multipart/form-data; boundary=" + b, misfiled.length, misfiled, token);
            }
            case 5 -> {
                byte[] junk = new byte[2000];
                r.nextBytes(junk);
                byte[] randomCsv = ServerHardeningTest.multipart(b, "load-junk_infiltration.csv", junk, "L-load");
                yield ServerHardeningTest.post("/api/scans", "multipart/form-data; boundary=" + b, randomCsv.length, randomCsv, token);
            }
            case 6 -> "GET /api/lots/L-load/cells?page=2147483647 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8);
            case 7 -> ("GET /api/" + "x".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            default -> ServerHardeningTest.post("/api/scans", "multipart/form-data; boundary=" + b, body.length, body, "not-a-token");
        };
        String answer = RawHttp.send(port, request, 30_000);
        if (answer.isEmpty()) return new String[] {"0", "(closed without an answer)"};
        ServerHardeningTest.Answer a = ServerHardeningTest.parse(answer);
        return new String[] {String.valueOf(a.status()), a.body()};
    }
}
