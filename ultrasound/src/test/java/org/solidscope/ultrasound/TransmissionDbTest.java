package org.solidscope.ultrasound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.CscanGrid;

class TransmissionDbTest {
    static CscanGrid grid(float[] displayed, double gain) {
        return new CscanGrid(new ScalarMap(new GridGeometry(displayed.length, 1, 0.5), "percent_fsh", displayed), gain, "percent_fsh", 100, Path.of("t"));
    }

    @Test
    void theSameCellReadsTheSameAtFifteenThirtyAndFortyDecibels() {
        double trueAmplitudePercentAt0Db = 0.5;
        for (double gain : new double[] {15, 30, 40}) {
            float shown = (float) (trueAmplitudePercentAt0Db * Math.pow(10, gain / 20));
            TransmissionDb t = TransmissionDb.of(grid(new float[] {shown}, gain), 1.5);
            assertEquals(20 * Math.log10(0.005), t.db().values()[0], 1e-4, "gain " + gain);
        }
    }

    @Test
    void saturatedPointsAreFlaggedNotData() {
        TransmissionDb t = TransmissionDb.of(grid(new float[] {100f, 99.4f, 50f}, 15), 1.5);
        assertTrue(t.saturated().get(0, 0));
        assertTrue(Float.isNaN(t.db().values()[0]));
        assertFalse(t.saturated().get(1, 0));
        assertEquals(20 * Math.log10(0.5) - 15, t.db().values()[2], 1e-5);
        assertEquals(20 * Math.log10(0.015) - 15, t.noiseFloorDb(), 1e-9);
    }
}
