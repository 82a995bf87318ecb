package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.app.server.SolidScopeServer;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.catalog.Catalog;
import org.solidscope.ultrasound.InspectionSpec;

/**
 * The web pages in a real headless Chromium (Debian's chromium, driven by playwright-core from npm;
 * both installed by .ci/run): dashboard of a seeded lot, a failed cell with its three maps and verdict
 * reasons, an upload through the form that then appears. Skipped where node, chromium or
 * webtest/node_modules are absent.
 */
class BrowserTest {
    @TempDir
    Path dir;

    static boolean onPath(String exe) {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(p, exe))) return true;
        return false;
    }

    @Test
    void dashboardFailedCellAndUpload() throws Exception {
        Path webtest = Path.of("..", "webtest").toAbsolutePath().normalize();
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        Assumptions.assumeTrue(onPath("node") && Files.isExecutable(chromium) && Files.isDirectory(webtest.resolve("node_modules/playwright-core")),
                "node, chromium or webtest/node_modules missing: browser test skipped (.ci/run installs them)");
        Path scans = dir.resolve("scans"), ws = dir.resolve("ws"), upl = dir.resolve("upload"), shots = Files.createDirectories(dir.resolve("shots"));
        assertEquals(0, CliTest.run("ut", "simulate", "--out", scans.toString()).code());
        // CT sections of every cell, pristine and after formation, beside its ultrasonic scans
        for (int i = 1; i <= 4; i++) {
            for (String state : List.of("pristine", "formation")) {
                Path v = scans.resolve("battery-" + i + "_" + state + ".npy");
                assertEquals(0, CliTest.run("ct", "phantom", "--kind", "cell", "--size", "48", "--amplitude", state.equals("pristine") ? "1" : "2",
                        "--seed", String.valueOf(i), "--out", v.toString()).code());
                Files.writeString(scans.resolve(v.getFileName() + ".json"), "{\"voxel_um\": 0.65, \"fov_origin_x_mm\": 100, \"fov_origin_y_mm\": 45}");
            }
        }
        // and an impedance spectrum in each of the 9 states of its first cycle
        for (int i = 1; i <= 4; i++) {
            assertEquals(0, CliTest.run("eis", "simulate", "--operando", scans.toString(), "--repeats", "1", "--cell", "battery-" + i, "--seed", String.valueOf(i)).code());
            Files.delete(scans.resolve("truth.csv"));
            // on the cycler: seed 004's rate test (whose first cycle the impedance spectra were measured in) and a CCD run
            assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "seed004-rate", "--noise-mv", "0.1", "--seed", String.valueOf(i),
                    "--out", scans.resolve("battery-" + i + "_cycle_12.csv").toString()).code());
            assertEquals(0, CliTest.run("cycling", "simulate", "--preset", "ccd", "--seed", String.valueOf(i),
                    "--out", scans.resolve("battery-" + i + "_cycle_1.csv").toString()).code());
            Files.writeString(scans.resolve("battery-" + i + "_cycle_1.csv.json"), "{\"run\": \"ccd\", \"area_cm2\": 1}");
            // on the XCS beamline: three states of the first cycle (small cubes)
            assertEquals(0, CliTest.run("xcs", "simulate", "--out", dir.resolve("xcs").toString(), "--cell-id", "battery-" + i, "--states", "pristine,charged_100,discharged_0",
                    "--rows", "40", "--cols", "40", "--seed", String.valueOf(i)).code());
        }
        try (var s = Files.walk(dir.resolve("xcs").resolve("truth"))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(org.solidscope.core.AtomicOutput::deleteQuietly);
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        }
        CliTest.Run in = CliTest.run("ingest", scans.toString(), dir.resolve("xcs").toString(), "--lot", "L-browser", "--workspace", ws.toString());
        assertEquals(0, in.code(), in.err());
        assertTrue(in.out().contains("76 stored"), in.out());
        assertEquals(0, CliTest.run("ut", "simulate", "--random", "1", "--seed", "42", "--stage", "infiltration", "--out", upl.toString()).code());
        Path scan = upl.resolve("uploaded42_infiltration.csv");
        Files.move(upl.resolve("sim-42_infiltration.csv"), scan);
        Catalog cat = Catalog.openWorkspace(ws);
        // the line's history as fleet stats --store would keep it: six weeks of infiltration scans, the fourth out of control
        List<org.solidscope.catalog.LineStatistics.Row> weeks = new java.util.ArrayList<>();
        double[] means = {0.951, 0.948, 0.953, 0.900, 0.949, 0.952};
        for (int w = 0; w < means.length; w++) {
            double m = means[w];
            weeks.add(new org.solidscope.catalog.LineStatistics.Row("WEEK", "2026-10-" + String.format("%02d", 5 + 7 * w), "infiltration", "ut.transmitting_fraction",
                    "1", 30, m, 0.02, m - 0.05, m + 0.04, m - 0.03, m - 0.01, m, m + 0.01, m + 0.03, m - 0.06, m + 0.06, 0, 30, 0.9));
        }
        org.solidscope.catalog.LineStatistics.store(cat, "WEEK", weeks);
        org.solidscope.catalog.LineStatistics.store(cat, "LINE", List.of(new org.solidscope.catalog.LineStatistics.Row("LINE", "all", "infiltration",
                "ut.transmitting_fraction", "1", 180, 0.942, 0.025, 0.85, 0.99, 0.9, 0.93, 0.945, 0.955, 0.98, 0.867, 1.017, 0, 180, 0.9)));
        String token = new ApiTokens(cat).create("browser-test");
        SolidScopeServer server = new SolidScopeServer(cat, org.solidscope.workflow.ModalityRegistry.standard(), true);
        int port = server.start("127.0.0.1", 0);
        try {
            Process p = new ProcessBuilder(List.of("node", webtest.resolve("browser-test.mjs").toString(), "http://127.0.0.1:" + port, token,
                    scan.toString(), "L-browser", shots.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("browser.log").toFile()).start();
            assertTrue(p.waitFor(4, TimeUnit.MINUTES), "browser test finished in time");
            String log = Files.readString(dir.resolve("browser.log"));
            System.out.println(log);
            assertEquals(0, p.exitValue(), log);
            assertTrue(log.contains("ok: dashboard"), log);
            assertTrue(log.contains("9 impedance spectra, 12 cycles with 24 curves and a CCD short"), log);
            assertTrue(Files.size(shots.resolve("dashboard.png")) > 10_000 && Files.size(shots.resolve("cell-page.png")) > 10_000);
            assertTrue(log.contains("design page 315 Wh/kg → 388 Wh/kg"), log);
            assertTrue(Files.size(shots.resolve("design-page.png")) > 10_000);
            if (System.getenv("SOLIDSCOPE_SCREENSHOTS") != null) {
                Files.copy(shots.resolve("dashboard.png"), Path.of(System.getenv("SOLIDSCOPE_SCREENSHOTS"), "dashboard.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(shots.resolve("cell-page.png"), Path.of(System.getenv("SOLIDSCOPE_SCREENSHOTS"), "cell-page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.copy(shots.resolve("design-page.png"), Path.of(System.getenv("SOLIDSCOPE_SCREENSHOTS"), "design-page.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            server.stop();
        }
    }
}
