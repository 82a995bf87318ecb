package org.solidscope.ultrasound.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageAnalyzer;
import org.solidscope.ultrasound.StageComparison;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.InstrumentSettings;
import org.solidscope.ultrasound.sim.ScanSimulator;
import org.solidscope.ultrasound.sim.Scenarios;

class CellReportTest {
    @Test
    void cellPageCarriesMapsVerdictDefectsAndDefinitions() {
        CellScenario sc = Scenarios.seedLot().get(1);
        StageAnalyzer an = new StageAnalyzer(InspectionSpec.defaults());
        Map<String, StageAnalysis> scans = new LinkedHashMap<>();
        StageAnalysis[] a = new StageAnalysis[3];
        for (Stage st : Stage.values()) {
            var s = ScanSimulator.standard().simulate(sc, st, Scenarios.placement(sc, st), InstrumentSettings.seedWorkstation(15), 1);
            a[st.ordinal()] = an.analyze(s.scan(), st, Map.of());
            scans.put(st.id(), a[st.ordinal()]);
        }
        StageComparison.Result c = StageComparison.compare(a[0], a[1], a[2], an.spec(), Map.of());
        CellReport.CellResults cell = new CellReport.CellResults("B<2>", scans, c);
        String html = CellReport.html(cell);
        assertEquals(5, html.split("data:image/png;base64,").length - 1, "three stage maps, degree and recovery");
        assertTrue(html.contains("B&lt;2&gt;"), "cell id escaped");
        assertTrue(html.contains(">bubble<"));
        assertTrue(html.contains("transmitting_fraction"));
        assertTrue(html.contains("1 − a_s/a_i"), "definitions printed");
        String index = LotReport.html("lot-1", List.of(cell));
        assertTrue(index.contains("href=\"B_2_.html\""));
        assertTrue(index.contains(cell.overall().name()));
    }
}
