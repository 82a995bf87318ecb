package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.app.server.SolidScopeServer;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.Json;
import org.solidscope.ultrasound.InspectionSpec;

/**
 * The findings of the hardening probes not covered elsewhere, each as the user met it: the exit code, the words of the
 * message, and what exists afterwards (no output written, nothing stored). Numbers cut in the last row (a Gamry
 * {@code .DTA} and a ZPlot {@code .z} cut mid-number had read as valid and been stored), a frame sidecar with a negative
 * header, event lists at the edge of the detector, a calibration from an empty cube, binary bytes in a cycler header, a
 * spectrum of zeros, and on the server: a cut spectrum, a damaged workbook, and the PNG of a spectrum and of a curve.
 */
class HardeningFindingsCliTest {
    @TempDir
    Path dir;

    private static void refused(CliTest.Run r, Path file, String... words) {
        String all = r.out() + r.err();
        assertEquals(2, r.code(), all);
        assertTrue(all.contains(file.getFileName().toString()), "names the file: " + all);
        for (String w : words) assertTrue(all.contains(w), "says '" + w + "': " + all);
        assertFalse(all.contains("Exception") || all.contains("\tat ") || all.indexOf(0) >= 0, all);
    }

    /** A copy of a Gamry spectrum and of a ZPlot one, cut inside the last number (-26.94 → -26.9). */
    private Path[] cutSpectra() throws IOException {
        StringBuilder g = new StringBuilder("EXPLAIN\nTAG\tEISPOT\nZCURVE\tTABLE\n\tPt\tTime\tFreq\tZreal\tZimag\n\t#\ts\tHz\tohm\tohm\n");
        StringBuilder z = new StringBuilder("ZPLOT2 ASCII\nEnd Comments\n");
        for (int i = 0; i < 12; i++) {
            double f = 1e5 / Math.pow(3, i);
            g.append(String.format(java.util.Locale.ROOT, "\t%d\t%d\t%.4E\t%.4E\t%.4E\n", i, i, f, 10.0 + i, -1.0 - 2.3 * i));
            z.append(String.format(java.util.Locale.ROOT, "%.5E\t0\t0\t0\t%.2f\t%.2f\n", f, 10.0 + i, -1.5 - 2.32 * i));
        }
        String gt = g.toString(), zt = z.toString();
        return new Path[] {Files.writeString(dir.resolve("cutA_formation.DTA"), gt.substring(0, gt.length() - 2)),
            Files.writeString(dir.resolve("cutB_formation.z"), zt.substring(0, zt.length() - 2))};
    }

    @Test
    void numbersCutInTheLastRowAreRefusedAndNotStored() throws IOException {
        Path out = dir.resolve("fit.json");
        for (Path f : cutSpectra()) {
            // whole, the same file reads: only the cut is refused
            CliTest.Run r = CliTest.run("eis", "fit", f.toString(), "--circuit", "R0-p(R1,C1)", "--json", out.toString());
            refused(r, f, "ends inside a number", "line feed");
            assertFalse(Files.exists(out));
            Files.writeString(f, Files.readString(f) + "0\n");
            assertEquals(0, CliTest.run("eis", "kk", f.toString()).code(), f + " made whole again reads");
        }
        Path in = Files.createDirectories(dir.resolve("in"));
        for (Path f : cutSpectra()) Files.copy(f, in.resolve(f.getFileName()));
        CliTest.Run r = CliTest.run("ingest", in.toString(), "--workspace", dir.resolve("ws").toString(), "--lot", "L");
        String all = r.out() + r.err();
        assertTrue(r.code() != 0 && all.contains("0 stored") && all.contains("cutA_formation.DTA") && all.contains("cutB_formation.z"), all);
    }

    @Test
    void xcsInputsAtTheirEdges() throws IOException {
        // raw frames whose sidecar gives a negative header length ("Negative position", exit 1, before)
        short[] frames = new short[4 * 8 * 8];
        ByteBuffer b = ByteBuffer.allocate(2 * frames.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames.length; i++) b.putShort((short) (100 + i % 9));
        Path bin = Files.write(dir.resolve("fr.bin"), b.array());
        Files.writeString(dir.resolve("fr.bin.json"), "{\"modality\": \"xcs\", \"kind\": \"frames\", \"rows\": 8, \"cols\": 8, \"frame_rate_hz\": 1000, "
                + "\"frames\": 4, \"dtype\": \"<u2\", \"header_bytes\": -12800}");
        Path g = Files.writeString(dir.resolve("g.txt"), ("0.027 ".repeat(8) + "\n").repeat(8)), c = Files.writeString(dir.resolve("c.txt"), ("1.0 ".repeat(8) + "\n").repeat(8));
        Path events = dir.resolve("ev.csv");
        refused(CliTest.run("xcs", "events", bin.toString(), "--gradient", g.toString(), "--intercept", c.toString(), "--dark-frames", "2", "--out",
                events.toString()), Path.of("fr.bin.json"), "header_bytes", "≥ 0");
        assertFalse(Files.exists(events));
        // events at pixel 16383 (ArrayIndexOutOfBounds, before): the cube they ask for is named with its size, not allocated
        Path edge = Files.writeString(dir.resolve("edge.csv"), "frame,row,col,energy_kev\n1,16383,2,60.5\n2,3,16383,61.5\n");
        Path cube = dir.resolve("cube.npy");
        refused(CliTest.run("xcs", "spectra", edge.toString(), "--out", cube.toString()), edge, "16384 × 16384");
        assertFalse(Files.exists(cube));
        // a calibration from a cube of no rows
        Path empty = dir.resolve("empty.npy");
        Files.write(empty, org.solidscope.io.Npy.header("<f4", 0, 80, 200));
        Files.writeString(dir.resolve("empty.npy.json"), "{\"modality\": \"xcs\", \"kind\": \"spectra\", \"unit\": \"adu\", \"energy_start_kev\": 0, \"energy_bin_kev\": 1}");
        Path gOut = dir.resolve("gout.txt"), cOut = dir.resolve("cout.txt");
        refused(CliTest.run("xcs", "calibrate", empty.toString(), "--gradient", gOut.toString(), "--intercept", cOut.toString()), empty, "[0, 80, 200]");
        assertFalse(Files.exists(gOut) || Files.exists(cOut));
    }

    @Test
    void bytesThatAreNotTextAreShownEscapedAndZerosAreNamedForWhatTheyAre() throws IOException {
        Path run = Files.write(dir.resolve("run.csv"), ("Time\u0000(s),Cur\u0001rent,Volt\u0007\n0,0,3.5\n1,0.1,3.6\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Path json = dir.resolve("s.json");
        CliTest.Run r = CliTest.run("cycling", "summary", run.toString(), "--json", json.toString());
        refused(r, run, "columns");
        assertFalse(r.err().contains("\u0001") || r.err().contains("\u0007"), "control bytes not echoed: " + r.err());
        assertFalse(Files.exists(json));
        // a spectrum of zeros was refused as "--initial: W1" though no --initial was given
        StringBuilder z = new StringBuilder("frequency_hz,z_real_ohm,z_imag_ohm\n");
        for (int i = 0; i < 20; i++) z.append(Math.pow(10, 5 - 0.4 * i)).append(",0,0\n");
        Path zeros = Files.writeString(dir.resolve("zeros.csv"), z.toString());
        r = CliTest.run("eis", "fit", zeros.toString(), "--circuit", "R0-p(R1,CPE1)-W1", "--json", json.toString());
        refused(r, zeros, "|Z|");
        assertFalse(r.err().contains("--initial"), r.err());
        assertFalse(Files.exists(json));
    }

    @Test
    void theServerRefusesCutAndDamagedFilesAndDrawsEveryArray() throws Exception {
        try (Catalog catalog = Catalog.openWorkspace(dir.resolve("ws-server"))) {
            String token = new ApiTokens(catalog).create("t");
            SolidScopeServer server = new SolidScopeServer(catalog, org.solidscope.workflow.ModalityRegistry.standard(), true);
            int port = server.start("127.0.0.1", 0);
            String url = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newHttpClient();
            try {
                for (Path f : cutSpectra()) {
                    HttpResponse<String> a = ServerLoadTest.upload(http, url, token, new ServerLoadTest.Good(f.getFileName().toString(), Files.readAllBytes(f), null), "L");
                    assertEquals(400, a.statusCode(), a.body());
                    assertTrue(a.body().contains("ends inside a number"), a.body());
                }
                // a workbook cut in half: the message lists cycling among the modalities it could be
                byte[] xlsx = Files.readAllBytes(workbook());
                HttpResponse<String> a = ServerLoadTest.upload(http, url, token, new ServerLoadTest.Good("wb_formation.xlsx",
                        java.util.Arrays.copyOf(xlsx, xlsx.length / 2), null), "L");
                assertEquals(400, a.statusCode(), a.body());
                assertTrue(a.body().contains("wb_formation.xlsx") && a.body().contains("cycling"), a.body());
                assertEquals(0, catalog.referencedBlobs().size(), "nothing stored");
                assertEquals(0, catalog.arrays().all().size(), "no blob left");
                // a spectrum and a cycler run stored, then every array of theirs drawn as PNG ("stored without its pitch", 500, before)
                Path spectrum = dir.resolve("sp_formation.csv"), cycling = dir.resolve("cy_formation.csv");
                assertEquals(0, CliTest.run("eis", "simulate", "--circuit", "R0-p(R1,C1)", "--parameters", "5,50,1e-6", "--out", spectrum.toString()).code());
                assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "seed004-rate", "--out", cycling.toString()).code());
                int pngs = 0;
                for (Path f : List.of(spectrum, cycling)) {
                    a = ServerLoadTest.upload(http, url, token, new ServerLoadTest.Good(f.getFileName().toString(), Files.readAllBytes(f), null), "L");
                    assertEquals(201, a.statusCode(), a.body());
                    String cell = Json.mapper().readTree(a.body()).get("cell").asText();
                    JsonNode timeline = Json.mapper().readTree(get(http, url + "/api/cells/" + cell + "/timeline").body());
                    for (JsonNode m : timeline.findValues("measurements").get(0)) {
                        for (JsonNode arr : m.path("arrays")) {
                            String name = arr.get("name").asText();
                            HttpResponse<byte[]> png = http.send(HttpRequest.newBuilder(URI.create(url + "/api/measurements/" + m.get("measurement_id").asLong()
                                    + "/arrays/" + name + ".png")).build(), HttpResponse.BodyHandlers.ofByteArray());
                            assertEquals(200, png.statusCode(), name + ": " + new String(png.body(), StandardCharsets.UTF_8));
                            assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""), name);
                            assertEquals((byte) 0x89, png.body()[0], name);
                            pngs++;
                        }
                    }
                }
                assertTrue(pngs >= 2, "a PNG of the spectrum and of the curve: " + pngs);
            } finally {
                server.stop();
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A small workbook of a cycler run (one sheet, three columns). */
    private Path workbook() throws IOException {
        Path p = dir.resolve("wb.xlsx");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(p))) {
            String[][] parts = {
                {"xl/workbook.xml", "<workbook xmlns:r=\"r\"><sheets><sheet name=\"Channel_1\" r:id=\"rId1\"/></sheets></workbook>"},
                {"xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>"},
                {"xl/sharedStrings.xml", "<sst><si><t>Test_Time(s)</t></si><si><t>Current(A)</t></si><si><t>Voltage(V)</t></si></sst>"},
                {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
                        + "<c r=\"C1\" t=\"s\"><v>2</v></c></row>" + "<row r=\"2\"><c r=\"A2\"><v>0</v></c><c r=\"B2\"><v>0.001</v></c><c r=\"C2\"><v>3.6</v></c></row>".repeat(200)
                        + "</sheetData></worksheet>"}};
            for (String[] part : parts) {
                z.putNextEntry(new java.util.zip.ZipEntry(part[0]));
                z.write(part[1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return p;
    }

    @Test
    void anUploadPastItsTimeBudgetIsAnswered422AndNothingIsStored() throws Exception {
        Path ct = dir.resolve("slow_pristine.npy");
        assertEquals(0, CliTest.run("ct", "phantom", "--kind", "cell", "--size", "48", "--amplitude", "2", "--out", ct.toString()).code());
        byte[] voxel = "{\"voxel_um\": 0.65}".getBytes(StandardCharsets.UTF_8);
        try (Catalog catalog = Catalog.openWorkspace(dir.resolve("ws-budget"))) {
            String token = new ApiTokens(catalog).create("t");
            SolidScopeServer server = new SolidScopeServer(catalog, org.solidscope.workflow.ModalityRegistry.standard(), true).uploadBudgetMs(1);
            int port = server.start("127.0.0.1", 0);
            try {
                HttpResponse<String> a = ServerLoadTest.upload(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, token,
                        new ServerLoadTest.Good(ct.getFileName().toString(), Files.readAllBytes(ct), voxel), "L");
                assertEquals(422, a.statusCode(), a.body());
                assertTrue(a.body().contains("slow_pristine.npy") && a.body().contains("nothing is stored"), a.body());
                Thread.sleep(3000); // the abandoned analysis ends on its worker and must store nothing
                assertEquals(0, catalog.referencedBlobs().size(), "nothing stored");
                assertEquals(0, catalog.arrays().all().size(), "no blob");
                assertEquals(0L, new org.solidscope.catalog.CatalogQueries(catalog).count("measurement"));
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void aRefusedUploadLeavesItsConnectionUsableOrSaysItEnds() throws Exception {
        try (Catalog catalog = Catalog.openWorkspace(dir.resolve("ws-close"))) {
            String token = new ApiTokens(catalog).create("t");
            SolidScopeServer server = new SolidScopeServer(catalog, org.solidscope.workflow.ModalityRegistry.standard(), true);
            int port = server.start("127.0.0.1", 0);
            try {
                // a declared length far past the limit is refused before the body is read, and the connection ends, saying so
                String answer = RawHttp.send(port, ("POST /api/scans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " + (3 * SolidScopeServer.MAX_UPLOAD_BYTES)
                        + "\r\n\r\n--b\r\n").getBytes(StandardCharsets.ISO_8859_1), 10_000);
                assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
                assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);
                // a little past it, sent whole: read and dropped, so that the 413 arrives rather than a reset
                byte[] over = new byte[(int) SolidScopeServer.MAX_UPLOAD_BYTES + 1024];
                answer = exchange(port, ReaderFuzzTest.concat(("POST /api/scans HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " + over.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1), ReaderFuzzTest.concat(over,
                        "GET /api/lots HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))));
                assertTrue(answer.startsWith("HTTP/1.1 413"), answer.substring(0, Math.min(200, answer.length())));
                // within the limit, a write refused for its token has its body read and dropped: the connection answers the
                // next request (Jetty 12 had closed it with 1 MB unread, and a pooled client met a reset)
                byte[] body = ServerHardeningTest.multipart("b", "x_infiltration.csv", "1,2\n3,4\n".repeat(125_000).getBytes(StandardCharsets.US_ASCII), "L");
                byte[] first = ("POST /api/scans HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: "
                        + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] second = "GET /api/lots HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
                answer = exchange(port, ReaderFuzzTest.concat(ReaderFuzzTest.concat(first, body), second));
                assertTrue(answer.startsWith("HTTP/1.1 401"), answer.substring(0, Math.min(200, answer.length())));
                assertTrue(answer.indexOf("HTTP/1.1 200", 10) > 0, "the same connection answers the next request: " + answer);
            } finally {
                server.stop();
            }
        }
    }

    /** Sends requests on one connection and reads every answer until the server closes it. */
    private static String exchange(int port, byte[] requests) throws IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            java.io.OutputStream out = s.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(requests);
                    out.flush();
                } catch (IOException e) {
                    // the server closed early: the answers read below say what it did
                }
            });
            writer.start();
            byte[] all = s.getInputStream().readAllBytes();
            return new String(all, StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException reset) {
            return "reset: " + reset.getMessage();
        }
    }
}
