package org.solidscope.ultrasound.acoustics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The seed's reading of its C-scans (000, Figs. 2–4), from the layer model of the 49-layer stack and the
 * workstation's levels (fluid path 30 % FSH at 0 dB gain, noise floor 1.5 % FSH).
 */
class SeedAcousticsTest {
    static final LayerStack STACK = StackFile.shipped();
    static final double FLUID = 30, NOISE = 1.5;

    static double shown(CellState s, double gainDb) {
        return FLUID * Math.pow(10, gainDb / 20) * TransferMatrix.evaluate(STACK, s, 1.0).amplitudeT();
    }

    @Test
    void infiltratedStackTransmitsWellAboveNoiseAtFifteenDecibels() {
        double s = shown(CellState.infiltrated(), 15);
        assertTrue(s > 10 * NOISE && s < 100, "infiltrated at 15 dB: " + s + " % FSH");
    }

    @Test
    void aOneMicrometreGapIsBlankAtFifteenAndShowsPartlyAtFortyDecibels() {
        double s15 = shown(CellState.solidified(1.0), 15), s40 = shown(CellState.solidified(1.0), 40);
        assertTrue(s15 < NOISE, "blank at 15 dB: " + s15 + " % FSH");
        assertTrue(s40 > NOISE && s40 < 4 * NOISE, "faint, within 12 dB of the noise, at 40 dB: " + s40 + " % FSH");
    }

    @Test
    void formedStackRecovers() {
        double inf = TransferMatrix.evaluate(STACK, CellState.infiltrated(), 1.0).amplitudeT();
        double formed = TransferMatrix.evaluate(STACK, CellState.formed(0.003), 1.0).amplitudeT();
        double solid = TransferMatrix.evaluate(STACK, CellState.solidified(1.0), 1.0).amplitudeT();
        assertTrue(formed > 0.7 * inf && formed > 100 * solid, "formed " + formed + " vs infiltrated " + inf + ", solidified " + solid);
    }

    @Test
    void gasInThePoresIsOpaqueLiquidIsNot() {
        double liquid = TransferMatrix.evaluate(STACK, CellState.infiltrated(), 1.0).amplitudeT();
        double gassy = TransferMatrix.evaluate(STACK, CellState.infiltrated().withPoreGasFraction(0.05), 1.0).amplitudeT();
        assertTrue(gassy < 0.01 * liquid, "5 % gas in the pores: " + gassy + " vs " + liquid);
    }
}
