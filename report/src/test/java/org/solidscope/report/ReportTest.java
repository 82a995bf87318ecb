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
}
