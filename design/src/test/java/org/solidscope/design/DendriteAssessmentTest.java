package org.solidscope.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.solidscope.core.InputException;

/** The one dendrite assessment the CLI and the server call: the margin's closed forms, the creep's Q from the library, one set of limits. */
class DendriteAssessmentTest {
    @Test
    void itIsTheMarginsClosedFormsAtTheOperatingPoint() {
        var in = new DendriteAssessment.Inputs(1.0, 10, 1, 50, 40, 0.5, 5, 60);
        var d = DendriteAssessment.of(in);
        DendriteMargin m = new DendriteMargin(1.0, 10, 1, 50, 40, 298.15);
        assertEquals(m.margin(5, 333.15, 0.5), d.margin(), 0);
        assertEquals(m.criticalCurrentDensityMaCm2(5, 333.15), d.predictedCcdMaCm2(), 0);
        // margin = critical / applied, and the predicted CCD is where it is 1: applied scales with the current
        assertEquals(d.criticalOverpotentialV() / d.appliedOverpotentialV(), d.margin(), 1e-12);
        assertEquals(0.5 * d.margin(), d.predictedCcdMaCm2(), 1e-9);
        double q = DesignMaterials.shipped().lithium().creepActivationKjMol();
        assertEquals(q, d.creepActivationKjMol(), 0, "Q from the materials library, not a printed constant");
        assertEquals(Math.exp(-q * 1e3 / LithiumCreep.GAS_CONSTANT_J_MOL_K * (1 / 333.15 - 1 / 298.15)), d.liCreepRateRelativeTo25C(), 1e-9);
        assertEquals(1.0, DendriteAssessment.of(new DendriteAssessment.Inputs(1.0, 10, 1, 50, 40, 0.5, 5, 25)).liCreepRateRelativeTo25C(), 1e-12);
    }

    @Test
    void oneSetOfLimitsForEveryCaller() {
        InputException hot = assertThrows(InputException.class, () -> DendriteAssessment.of(new DendriteAssessment.Inputs(1, 10, 1, 50, 40, 0.5, 5, 1001)));
        assertEquals("temperature_c", hot.field());
        assertEquals("pressure_mpa", assertThrows(InputException.class,
                () -> DendriteAssessment.of(new DendriteAssessment.Inputs(1, 10, 1, 50, 40, 0.5, -1, 25))).field());
        assertEquals("current_ma_cm2", assertThrows(InputException.class,
                () -> DendriteAssessment.of(new DendriteAssessment.Inputs(1, 10, 1, 50, 40, 0, 5, 25))).field());
        assertEquals("flaw_um", assertThrows(InputException.class,
                () -> DendriteAssessment.of(new DendriteAssessment.Inputs(1, Double.POSITIVE_INFINITY, 1, 50, 40, 0.5, 5, 25))).field());
        assertTrue(Double.isFinite(DendriteAssessment.of(new DendriteAssessment.Inputs(1, 10, 1, 50, 40, 0.5, 5, 1000)).margin()), "1000 °C is the last");
    }
}
