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
 * changes it), uploads of every modality the record takes (ultrasonic C-scans, impedance spectra, cycler
 * runs, XCS spectra cubes with their sidecars, CT volumes), one request in ten malformed in the ways the
 * hardening tests know (transport faults and each modality's bad files). Afterwards: no answer of 500 or
 * above, no orphan blob, and every good file that was uploaded is in the record exactly once, however many
 * clients sent it at the same time. The figures go to {@code target/load-test.json}.
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
        List<Good> good = new ArrayList<>();
        int lastComma = base.lastIndexOf(',');
        for (int k = 0; k < GOOD_FILES; k++) {
            good.add(new Good("load-" + k + "_infiltration.csv", (base.substring(0, lastComma + 1) + (k * 0.001) + "\n").getBytes(StandardCharsets.UTF_8), null));
        }
        byte[] other = (base.substring(0, lastComma + 1) + (GOOD_FILES * 0.001) + "\n").getBytes(StandardCharsets.UTF_8);
        good.addAll(otherModalities(dir));
        Catalog catalog = Catalog.openWorkspace(dir.resolve("ws"));
        String token = new ApiTokens(catalog).create("load");
        SolidScopeServer server = new SolidScopeServer(catalog, org.solidscope.workflow.ModalityRegistry.standard(), true).readTimeoutMs(5000);
        int port = server.start("127.0.0.1", 0);
        String url = "http://127.0.0.1:" + port;
        // a cell of another lot, for the misfiled case
        HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();
        assertEquals(201, upload(http, url, token, new Good("other-cell_infiltration.csv", other, null), "L-other").statusCode());
        byte[] scan = good.get(0).content();

        Map<String, AtomicLong> byKind = new ConcurrentHashMap<>(), byModality = new ConcurrentHashMap<>();
        List<Good> bad = malformedFiles(good);
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
                            String[] answer = malformed(r, port, token, scan, bad);
                            status = Integer.parseInt(answer[0]);
                            body = answer[1];
                            if (status < 400) faults.add("a malformed request answered " + status + ": " + body);
                        } else if (r.nextBoolean()) {
                            kind = "upload";
                            // ultrasonic scans half the time, the other modalities the other half
                            int k = r.nextBoolean() ? r.nextInt(GOOD_FILES) : GOOD_FILES + r.nextInt(good.size() - GOOD_FILES);
                            HttpResponse<String> a = upload(http, url, token, good.get(k), "L-load");
                            status = a.statusCode();
                            body = a.body();
                            if (status == 200 || status == 201) uploadedOk.add(k);
                            else faults.add("good upload of " + good.get(k).name() + " answered " + status + ": " + body);
                            byModality.computeIfAbsent(good.get(k).name().replaceAll("-.*", ""), x -> new AtomicLong()).incrementAndGet();
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
        for (int k : uploadedOk) goodShas.add(Checksums.sha256(good.get(k).content()));
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
        report.put("good_uploads_by_modality", new java.util.TreeMap<>(byModality));
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
        for (String m : List.of("load", "eis", "cyc", "xcs", "ct")) assertTrue(byModality.containsKey(m), "uploads of " + m + ": " + byModality);
    }

    /** A file to upload: its name, its bytes and its sidecar's (null when it has none). */
    record Good(String name, byte[] content, byte[] sidecar) {}

    /** Distinct files of each modality but the ultrasonic one: one file each, a byte or a digit changed per copy. */
    static List<Good> otherModalities(Path dir) throws IOException {
        List<Good> out = new ArrayList<>();
        Path eis = dir.resolve("eis.csv"), cyc = dir.resolve("cyc.csv"), xcs = dir.resolve("xcs"), ct = dir.resolve("ct.npy");
        assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,CPE1)", "--parameters", "10,100,1e-5,0.9", "--out", eis.toString()).code());
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "seed004-rate", "--out", cyc.toString()).code());
        assertEquals(0, CliTest.run("xcs", "simulate", "--kind", "cube", "--rows", "8", "--cols", "8", "--states", "pristine", "--out", xcs.toString()).code());
        assertEquals(0, CliTest.run("ct", "phantom", "--kind", "cell", "--size", "32", "--amplitude", "2", "--out", ct.toString()).code());
        String spectrum = Files.readString(eis);
        int last = spectrum.lastIndexOf(',');
        double zi = Double.parseDouble(spectrum.substring(last + 1).strip());
        for (int k = 0; k < 40; k++) out.add(new Good("eis-" + k + "_formation.csv", (spectrum.substring(0, last + 1) + (zi + k * 1e-6) + "\n").getBytes(StandardCharsets.UTF_8), null));
        String run = Files.readString(cyc);
        int v = run.indexOf(",3.100744,");
        for (int k = 0; k < 20; k++) {
            String nudged = run.substring(0, v) + String.format(java.util.Locale.ROOT, ",%.6f,", 3.100744 + k * 1e-6) + run.substring(v + 10);
            out.add(new Good("cyc-" + k + "_formation.csv", nudged.getBytes(StandardCharsets.UTF_8), null));
        }
        byte[] cube = Files.readAllBytes(xcs.resolve("coin-1_pristine.npy")), side = Files.readAllBytes(xcs.resolve("coin-1_pristine.npy.json"));
        byte[] volume = Files.readAllBytes(ct), voxel = "{\"voxel_um\": 0.65}".getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < 20; k++) {
            out.add(new Good("xcs-" + k + "_pristine.npy", nudged(cube, k), side));
            out.add(new Good("ct-" + k + "_pristine.npy", nudged(volume, k), voxel));
        }
        return out;
    }

    /** An .npy array with the low byte of its first element raised by k. */
    static byte[] nudged(byte[] npy, int k) {
        byte[] b = npy.clone();
        int data = 10 + ((b[8] & 0xff) | (b[9] & 0xff) << 8);
        b[data] += (byte) k;
        return b;
    }

    /** Each modality's bad files: numbers cut in the last row, |Z| of 1e300, too few frequencies, a row cut short, cubes and volumes cut or mis-described. */
    static List<Good> malformedFiles(List<Good> good) {
        List<Good> out = new ArrayList<>();
        for (Good g : good) {
            if (!g.name().endsWith("-0_formation.csv") && !g.name().endsWith("-0_pristine.npy")) continue;
            String bad = g.name().replace("-0_", "-bad_");
            byte[] c = g.content();
            if (g.name().endsWith(".csv")) {
                String t = new String(c, StandardCharsets.UTF_8);
                out.add(new Good(bad, t.substring(0, t.length() - 8).getBytes(StandardCharsets.UTF_8), null)); // the last number cut
                out.add(new Good(bad, t.substring(0, t.lastIndexOf(',', t.length() - 2)).getBytes(StandardCharsets.UTF_8), null)); // a row cut
                if (g.name().startsWith("eis")) {
                    out.add(new Good(bad, t.replaceAll("(?m),(-?[0-9.]+)(E-?[0-9]+)?,", ",$1e300,").getBytes(StandardCharsets.UTF_8), null));
                    String[] lines = t.split("\n");
                    out.add(new Good(bad, (lines[0] + "\n" + lines[1] + "\n" + lines[1] + "\n" + lines[1] + "\n").getBytes(StandardCharsets.UTF_8), null));
                }
            } else {
                out.add(new Good(bad, java.util.Arrays.copyOf(c, c.length / 2), g.sidecar()));
                out.add(new Good(bad, c, "{\"voxel_um\": -1, \"kind\": \"spectra\", \"bin_kev\": 0}".getBytes(StandardCharsets.UTF_8)));
                out.add(new Good(bad, c, null));
            }
        }
        return out;
    }

    static HttpResponse<String> upload(HttpClient http, String url, String token, Good g, String lot) throws Exception {
        String b = "load" + Long.toHexString(System.nanoTime());
        byte[] body = multipart(b, g, lot);
        return http.send(HttpRequest.newBuilder(URI.create(url + "/api/scans")).header("Content-Type", "multipart/form-data; boundary=" + b)
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] multipart(String boundary, Good g, String lot) {
        byte[] body = ServerHardeningTest.multipart(boundary, g.name(), g.content(), lot);
        if (g.sidecar() == null) return body;
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(java.util.Arrays.copyOf(body, body.length - boundary.length() - 6)); // without the closing delimiter
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"sidecar\"; filename=\"" + g.name() + ".json\"\r\n"
                + "Content-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        b.writeBytes(g.sidecar());
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    /** One malformed request: a transport fault the hardening test lists, or one of the modalities' bad files; returns {status, body}. */
    static String[] malformed(Random r, int port, String token, byte[] scan, List<Good> badFiles) throws IOException {
        String b = "XyZ";
        byte[] body = ServerHardeningTest.multipart(b, "load-bad_infiltration.csv", scan, "L-load");
        byte[] request = switch (Math.min(r.nextInt(14), 9)) { // a bad file in 5 of 14
            case 9 -> {
                byte[] badFile = multipart(b, badFiles.get(r.nextInt(badFiles.size())), "L-load");
                yield ServerHardeningTest.post("/api/scans", "multipart/form-data; boundary=" + b, badFile.length, badFile, token);
            }
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
