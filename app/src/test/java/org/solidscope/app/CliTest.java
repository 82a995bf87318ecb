package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;

/** The command line as users and scripts meet it: contracts, exit codes, no half-written output. */
class CliTest {
    @TempDir
    static Path dir;
    static Path scans;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void simulate() {
        scans = dir.resolve("scans");
        assertEquals(0, run("ut", "simulate", "--cell", "battery-2", "--out", scans.toString()).code());
    }

    @Test
    void analyzeWritesTheDocumentedJson() throws IOException {
        Path json = dir.resolve("a.json");
        Run r = run("ut", "analyze", scans.resolve("battery-2_infiltration.csv").toString(), "--stage", "infiltration", "--json", json.toString(),
                "--report", dir.resolve("a.html").toString(), "--levels", dir.resolve("levels.tif").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(json.toFile());
        for (String f : List.of("width_mm", "height_mm", "area_mm2")) assertTrue(j.get("cell").has(f), f);
        for (String f : List.of("transmitting_fraction", "mean_db", "median_db", "uniformity_cv")) assertTrue(j.get("metrics").has(f), f);
        JsonNode d = j.get("defects").get(0);
        for (String f : List.of("kind", "x_mm", "y_mm", "area_mm2", "diameter_mm", "circularity")) assertTrue(d.has(f), f);
        assertEquals("bubble", d.get("kind").asText());
        assertTrue(j.get("verdict").has("status") && j.get("verdict").has("reasons"));
        assertEquals(225, j.get("cell").get("width_mm").asDouble(), 2);
        assertTrue(Files.readString(dir.resolve("a.html")).contains("data:image/png;base64,"));
        assertTrue(Files.exists(dir.resolve("levels.tif.json")));
    }

    @Test
    void compareWritesTheDocumentedJson() throws IOException {
        Path json = dir.resolve("c.json");
        Run r = run("ut", "compare", "--infiltrated", scans.resolve("battery-2_infiltration.csv").toString(),
                "--solidified", scans.resolve("battery-2_solidification.csv").toString(),
                "--formed", scans.resolve("battery-2_formation.csv").toString(), "--json", json.toString(),
                "--degree-map", dir.resolve("degree.npy").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(json.toFile());
        for (String f : List.of("dx_mm", "dy_mm", "rotation_deg")) assertTrue(j.get("registration").has(f), f);
        assertTrue(j.get("solidification").has("degree_mean") && j.get("solidification").has("degree_cv"));
        assertTrue(j.get("formation").has("recovery_mean"));
        assertTrue(j.get("new_defects").has("formation"));
        JsonNode truth = Json.mapper().readTree(scans.resolve("battery-2_solidification.truth.json").toFile()).get("truth");
        assertEquals(truth.get("degreeMean").asDouble(), j.get("solidification").get("degree_mean").asDouble(), 0.05);
    }

    @Test
    void gateWritesACscanThatAnalyzeReads() throws IOException {
        Path sims = dir.resolve("ascan");
        assertEquals(0, run("ut", "simulate", "--cell", "battery-1", "--stage", "formation", "--ascan", "--out", sims.toString()).code());
        Path out = dir.resolve("gated.csv"), json = dir.resolve("gate.json");
        Run r = run("ut", "gate", sims.resolve("battery-1_formation.ascan.npy").toString(), "--gate-us", "15:12", "--out", out.toString(),
                "--tof", dir.resolve("tof.npy").toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(json.toFile());
        assertTrue(j.get("elapsed_ms").asDouble() > 0 && j.get("throughput_msamples_per_s").asDouble() > 0);
        assertEquals(300, j.get("gate_samples").asInt());
        Path aj = dir.resolve("gated-analysis.json");
        assertEquals(0, run("ut", "analyze", out.toString(), "--stage", "formation", "--json", aj.toString()).code());
        JsonNode a = Json.mapper().readTree(aj.toFile());
        assertEquals(1, a.get("metrics").get("counts").get("gas_pocket").asInt(), "the gated C-scan shows the gas pocket");
        assertEquals(1, a.get("metrics").get("counts").get("scan_artifact").asInt());
    }

    /** Runs a command that must fail on bad input: exit 2, a message naming source and field, no output left. */
    static void assertBadInput(Path outDir, String mustMention, String... args) throws IOException {
        Files.createDirectories(outDir);
        Run r = run(args);
        assertEquals(2, r.code(), "exit code for " + String.join(" ", args) + "\n" + r.err());
        assertTrue(r.err().contains(mustMention), "message names " + mustMention + ": " + r.err());
        try (Stream<Path> s = Files.list(outDir)) {
            assertEquals(List.of(), s.toList(), "nothing written");
        }
    }

    @Test
    void badCsvInputsExitTwoAndWriteNothing() throws IOException {
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        String header = "# pitch_mm: 0.5\n# gain_db: 15\n";
        Files.writeString(bad.resolve("text.csv"), header + "1,2\n3,x\n");
        Files.writeString(bad.resolve("nan.csv"), header + "1,NaN\n3,4\n");
        Files.writeString(bad.resolve("zero.csv"), "# pitch_mm: 0\n# gain_db: 15\n1,2\n");
        Files.writeString(bad.resolve("neg.csv"), "# pitch_mm: -1\n# gain_db: 15\n1,2\n");
        Path out = dir.resolve("out-csv");
        String json = out.resolve("r.json").toString();
        assertBadInput(out, "line 4, column 2", "ut", "analyze", bad.resolve("text.csv").toString(), "--stage", "infiltration", "--json", json);
        assertBadInput(out, "line 3, column 2", "ut", "analyze", bad.resolve("nan.csv").toString(), "--stage", "infiltration", "--json", json);
        assertBadInput(out, "pitch_mm", "ut", "analyze", bad.resolve("zero.csv").toString(), "--stage", "infiltration", "--json", json);
        assertBadInput(out, "pitch_mm", "ut", "analyze", bad.resolve("neg.csv").toString(), "--stage", "infiltration", "--json", json);
        assertBadInput(out, "text.csv", "ut", "analyze", bad.resolve("text.csv").toString(), "--stage", "infiltration", "--json", json);
        assertBadInput(out, "stage", "ut", "analyze", scans.resolve("battery-2_infiltration.csv").toString(), "--stage", "curing", "--json", json);
        assertBadInput(out, "no such file", "ut", "analyze", bad.resolve("missing.csv").toString(), "--stage", "formation", "--json", json);
        // the specification is read beside the scan; a bad one is named whether the scan is good or bad
        Files.writeString(bad.resolve("spec.json"), "{ \"spec_version\": ");
        assertBadInput(out, "spec.json", "ut", "analyze", scans.resolve("battery-2_infiltration.csv").toString(), "--stage", "infiltration",
                "--spec", bad.resolve("spec.json").toString(), "--json", json);
        assertBadInput(out, "spec.json", "ut", "analyze", bad.resolve("missing.csv").toString(), "--stage", "infiltration",
                "--spec", bad.resolve("spec.json").toString(), "--json", json);
    }

    @Test
    void badAscanInputsExitTwoAndWriteNothing() throws IOException {
        Path bad = dir.resolve("badraw");
        Files.createDirectories(bad);
        ByteBuffer b = ByteBuffer.allocate(2 * 4 * 5 * 10 - 6).order(ByteOrder.LITTLE_ENDIAN);
        Files.write(bad.resolve("trunc.raw"), b.array());
        Files.writeString(bad.resolve("trunc.raw.json"), "{\"shape\":[2,5,10],\"dtype\":\"int16\",\"sample_rate_mhz\":25}");
        Files.write(bad.resolve("shape.raw"), new byte[2 * 5 * 10 * 2]);
        Files.writeString(bad.resolve("shape.raw.json"), "{\"shape\":[2,5,12],\"dtype\":\"int16\",\"sample_rate_mhz\":25}");
        Files.write(bad.resolve("pitch.raw"), new byte[2 * 5 * 10 * 2]);
        Files.writeString(bad.resolve("pitch.raw.json"), "{\"shape\":[2,5,10],\"dtype\":\"int16\",\"sample_rate_mhz\":25,\"pitch_mm\":-0.5}");
        Path out = dir.resolve("out-raw");
        String o = out.resolve("c.csv").toString();
        assertBadInput(out, "trunc.raw.json: shape", "ut", "gate", bad.resolve("trunc.raw").toString(), "--gate-us", "0:0.2", "--out", o);
        assertBadInput(out, "shape.raw.json: shape", "ut", "gate", bad.resolve("shape.raw").toString(), "--gate-us", "0:0.2", "--out", o);
        assertBadInput(out, "pitch_mm", "ut", "gate", bad.resolve("pitch.raw").toString(), "--gate-us", "0:0.2", "--out", o);
        assertBadInput(out, "--gate-us", "ut", "gate", bad.resolve("pitch.raw").toString(), "--gate-us", "soon", "--out", o);
    }

    @Test
    void helpShowsExamplesAndUsageErrorsExitTwo() {
        Run h = run("ut", "analyze", "--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("Examples:"));
        assertEquals(2, run("ut", "analyze").code(), "missing FILE and --stage");
        assertEquals(2, run("no-such-command").code());
    }

    @Test
    void simulateWritesGroundTruthBesideEachScan() throws IOException {
        JsonNode t = Json.mapper().readTree(scans.resolve("battery-2_infiltration.truth.json").toFile());
        assertNotNull(t.get("truth").get("defects").get(0).get("areaMm2"));
        assertTrue(Files.exists(scans.resolve("battery-2_infiltration.truth-kinds.npy")));
        assertFalse(Files.exists(scans.resolve("battery-2_infiltration.ascan.npy")));
    }
}
