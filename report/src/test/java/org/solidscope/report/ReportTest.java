package org.solidscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.ScalarMap;
import org.solidscope.ultrasound.InspectionSpec;
import org.solidscope.ultrasound.Stage;
import org.solidscope.ultrasound.StageAnalysis;
import org.solidscope.ultrasound.StageAnalyzer;
import org.solidscope.ultrasound.StageComparison;
import org.solidscope.ultrasound.sim.CellScenario;
import org.solidscope.ultrasound.sim.InstrumentSettings;
import org.solidscope.ultrasound.sim.ScanSimulator;
import org.solidscope.ultrasound.sim.Scenarios;

class ReportTest {
    @Test
    void heatMapPaintsValuesWithTheColourScaleAndNanGrey() {
        float[] v = {0, 1, Float.NaN, 0.5f};
        ScalarMap m = new ScalarMap(new GridGeometry(2, 2, 1.0), "x", v);
        BufferedImage img = HeatMapRenderer.render(m, 0, 1, ColourMap.VIRIDIS, "t", "u", Overlay.none(), 200);
        // map area starts at (56, 30), 100 px per point
        assertEquals(ColourMap.VIRIDIS.rgb(0), img.getRGB(56 + 50, 30 + 50) & 0xffffff);
        assertEquals(ColourMap.VIRIDIS.rgb(1), img.getRGB(56 + 150, 30 + 50) & 0xffffff);
        assertEquals(ColourMap.NO_DATA, img.getRGB(56 + 50, 30 + 150) & 0xffffff);
        assertEquals(0x440154, ColourMap.VIRIDIS.rgb(-3), "clamped below");
    }

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
