package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.Json;

/** design energy | sweep | dendrite as users run them: numbers, files, refusals naming the field, and the record's flaw size. */
class DesignCliTest {
    @TempDir
    Path dir;

    @Test
    void energyWritesItsBreakdownAndPlot() throws IOException {
        Path json = dir.resolve("e.json"), png = dir.resolve("mass.png");
        CliTest.Run r = CliTest.run("design", "energy", "--cathode", "NCM811", "--loading-mg-cm2", "22", "--electrolyte", "PEO:LLZO",
                "--electrolyte-um", "100", "--json", json.toString(), "--plot", png.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("315 Wh/kg") && r.out().contains("713 Wh/L"), r.out());
        JsonNode j = Json.mapper().readTree(json.toFile());
        double sum = 0;
        for (JsonNode v : j.get("mass_mg_cm2")) sum += v.asDouble();
        assertEquals(j.get("total_mass_mg_cm2").asDouble(), sum, 1e-9);
        assertTrue(Files.size(png) > 1000);
        // a design file with units in its keys, and the option on top of it
        Path design = Files.writeString(dir.resolve("d.json"), "{\"design_version\": 1, \"cathode\": \"LFP\", \"loading_mg_cm2\": 40, \"electrolyte_um\": 100}");
        r = CliTest.run("design", "energy", "--design", design.toString());
        assertTrue(r.out().contains("273 Wh/kg"), r.out());
        r = CliTest.run("design", "energy", "--design", design.toString(), "--loading-mg-cm2", "13");
        assertTrue(r.out().contains("174 Wh/kg"), r.out());
    }

    @Test
    void sweepAndTornado() throws IOException {
        Path json = dir.resolve("s.json");
        CliTest.Run r = CliTest.run("design", "sweep", "--loadings-mg-cm2", "10:40:4", "--thicknesses-um", "10,100", "--json", json.toString(),
                "--plot", dir.resolve("kg.png").toString(), "--tornado", dir.resolve("t.png").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(json.toFile());
        assertEquals(8, j.get("grid").size());
        assertEquals("voltage_v", j.get("sensitivity_20_percent").get(0).get("parameter").asText(), "voltage moves Wh/kg most");
        assertTrue(Files.exists(dir.resolve("kg.png")) && Files.exists(dir.resolve("t.png")));
    }

    @Test
    void badDesignsAreExitTwoNamingTheField() throws IOException {
        CliTest.Run r = CliTest.run("design", "energy", "--electrolyte-um", "-5", "--json", dir.resolve("x.json").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--electrolyte-um") && r.err().contains("-5"), r.err());
        assertFalse(Files.exists(dir.resolve("x.json")));
        Path noUnit = Files.writeString(dir.resolve("n.json"), "{\"loading\": 22}");
        r = CliTest.run("design", "energy", "--design", noUnit.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("loading: expected loading_mg_cm2"), r.err());
        r = CliTest.run("design", "energy", "--electrolyte", "unobtainium");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--electrolyte") && r.err().contains("LLZO"), r.err());
        r = CliTest.run("design", "dendrite", "--electrolyte", "PEO", "--flaw-um", "10");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("PEO has none"), r.err());
        r = CliTest.run("design", "dendrite", "--k-ic-mpa-m05", "1", "--flaw-um", "-3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--flaw-um"), r.err());
        // a loading of 1e308 had given Infinity Wh/kg (and 200 over HTTP)
        r = CliTest.run("design", "energy", "--loading-mg-cm2", "1e308", "--json", dir.resolve("x.json").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("loading") && r.err().contains("1000000"), r.err());
    }

    @Test
    void dendriteFromTheClosedFormAndFromTheRecord() throws IOException {
        Path json = dir.resolve("d.json");
        CliTest.Run r = CliTest.run("design", "dendrite", "--k-ic-mpa-m05", "0.23", "--flaw-um", "10", "--json", json.toString(),
                "--plot", dir.resolve("m.png").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("5.53 mV"), r.out());
        JsonNode j = Json.mapper().readTree(json.toFile());
        assertEquals(5.53e-3, j.get("griffith_overpotential_v").asDouble(), 0.01e-3);
        assertEquals(26 * 4, j.get("margin_map").size());
        // a cell whose CT section is in the record gives its flaw size
        Path ws = dir.resolve("ws");
        Path vol = dir.resolve("ct").resolve("c-1_pristine.npy");
        assertEquals(0, CliTest.run("ct", "phantom", "--kind", "cell", "--size", "32", "--out", vol.toString()).code());
        Files.writeString(dir.resolve("ct").resolve("c-1_pristine.npy.json"), "{\"voxel_um\": 0.65}");
        assertEquals(0, CliTest.run("ingest", vol.toString(), "--lot", "L", "--workspace", ws.toString()).code());
        r = CliTest.run("design", "dendrite", "--electrolyte", "LLZO", "--cell", "c-1", "--workspace", ws.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        j = Json.mapper().readTree(json.toFile());
        assertEquals(j.get("record").get("ct_rz_um").asDouble(), j.get("flaw_um").asDouble(), 0);
        assertTrue(j.get("flaw_um").asDouble() > 0);
        assertTrue(r.out().contains("no measured CCD in the record"), r.out());
        // a CCD run of the same cell: its measured CCD is shown beside the prediction
        Path ccdRun = dir.resolve("ct").resolve("c-1_cycle_1.csv");
        assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "ccd", "--short-ma-cm2", "0.45", "--out", ccdRun.toString()).code());
        assertEquals(0, CliTest.run("ingest", ccdRun.toString(), "--lot", "L", "--workspace", ws.toString()).code());
        r = CliTest.run("design", "dendrite", "--electrolyte", "LLZO", "--cell", "c-1", "--workspace", ws.toString(), "--json", json.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("measured CCD in the record (cycle_1 cycler run): 0.4500 mA/cm²"), r.out());
        assertEquals(0.45, Json.mapper().readTree(json.toFile()).get("record").get("measured_ccd_ma_cm2").asDouble(), 1e-9);
        assertEquals(2, CliTest.run("design", "dendrite", "--electrolyte", "LLZO", "--cell", "nobody", "--workspace", ws.toString()).code());
    }
}
