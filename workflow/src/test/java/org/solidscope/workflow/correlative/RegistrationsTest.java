package org.solidscope.workflow.correlative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.core.InputException;
import org.solidscope.core.Progress;
import org.solidscope.workflow.Ingest;
import org.solidscope.workflow.ModalityRegistry;
import org.solidscope.workflow.ScanFiles;

/** Registrations of stored measurements: found from their modalities' maps, kept in the record, refused across cells. */
class RegistrationsTest {
    @TempDir
    Path dir;

    @Test
    void twoScansOfACellAreRegisteredAndKept() throws Exception {
        List<Path> files = ScanFiles.write(Files.createDirectories(dir.resolve("in")), 2, "g");
        try (Catalog cat = Catalog.openWorkspace(dir.resolve("ws"))) {
            ModalityRegistry modalities = ModalityRegistry.standard();
            new Ingest(cat, modalities).run(files, "lot", Map.of(), Progress.NONE);
            CatalogQueries q = new CatalogQueries(cat);
            var g0 = q.storedMeasurementsOfCell("g0", "ultrasound");
            var g1 = q.storedMeasurementsOfCell("g1", "ultrasound");
            long inf = g0.stream().filter(s -> s.state().equals("infiltration")).findFirst().orElseThrow().measurementId();
            long form = g0.stream().filter(s -> s.state().equals("formation")).findFirst().orElseThrow().measurementId();
            Registrations.Stored s = new Registrations(cat, modalities).register(inf, form, MapRegistration.Options.defaults());
            assertTrue(s.result().overlapFraction() > 0.8, s.toString());
            assertTrue(Math.abs(s.registration().rotationDeg()) < 3, "two placements on the scanner differ by at most 3°: " + s);
            List<Map<String, Object>> kept = q.registrations("g0");
            assertEquals(1, kept.size());
            assertEquals(List.of(inf, form, s.registration().rotationDeg()), List.of(kept.get(0).get("fixed_measurement_id"),
                    kept.get(0).get("moving_measurement_id"), kept.get(0).get("rotation_deg")));
            assertEquals(1 - Math.abs(s.registration().ncc()), (Double) kept.get(0).get("residual"), 1e-12);
            long other = g1.get(0).measurementId();
            InputException across = assertThrows(InputException.class, () -> new Registrations(cat, modalities).register(inf, other,
                    MapRegistration.Options.defaults()));
            assertTrue(across.getMessage().contains("cell (g0)"), across.getMessage());
            assertThrows(InputException.class, () -> new Registrations(cat, modalities).register(inf, 99_999, MapRegistration.Options.defaults()));
            assertEquals(1, q.registrations("g0").size(), "nothing stored by a refusal");
        }
    }
}
