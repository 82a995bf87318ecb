package org.solidscope.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;

/** Seed 003 Figure 1 landed with the stated parameters; breakdowns add up; bad designs are refused by field. */
class EnergyDensityTest {
    record Published(String what, String cathode, double loading, String electrolyte, double um, boolean perLitre, double value) {}

    /** Every value the seed publishes for its Figure 1 (ranges' ends; "above" values are tested as lower bounds below). */
    static final List<Published> FIGURE_1 = List.of(
            new Published("NCM/Li 10 mg/cm²", "NCM811", 10, "PEO:LLZO", 100, false, 210),
            new Published("NCM/Li 40 mg/cm²", "NCM811", 40, "PEO:LLZO", 100, false, 400),
            new Published("NCM/Li 10 mg/cm²", "NCM811", 10, "PEO:LLZO", 100, true, 440),
            new Published("NCM/Li 40 mg/cm²", "NCM811", 40, "PEO:LLZO", 100, true, 960),
            new Published("LFP/Li 13 mg/cm²", "LFP", 13, "PEO:LLZO", 100, false, 170),
            new Published("LFP/Li 40 mg/cm²", "LFP", 40, "PEO:LLZO", 100, false, 270),
            new Published("LFP/Li 13 mg/cm²", "LFP", 13, "PEO:LLZO", 100, true, 310),
            new Published("LFP/Li 40 mg/cm²", "LFP", 40, "PEO:LLZO", 100, true, 520),
            new Published("LLZO 500 µm", "NCM811", 22, "LLZO", 500, false, 48),
            new Published("LGPS 500 µm", "NCM811", 22, "LGPS", 500, false, 107),
            new Published("PEO 500 µm", "NCM811", 22, "PEO", 500, false, 150),
            new Published("PEO:LLZO 500 µm", "NCM811", 22, "PEO:LLZO", 500, false, 126),
            new Published("PEO 100 µm", "NCM811", 22, "PEO", 100, false, 337),
            new Published("PEO:LLZO 100 µm", "NCM811", 22, "PEO:LLZO", 100, false, 311),
            new Published("PEO:LLZO 100 µm", "NCM811", 22, "PEO:LLZO", 100, true, 704));

    static EnergyDensity.Result of(Published p) {
        return EnergyDensity.of(CellDesign.seed003(p.cathode(), p.loading(), p.electrolyte(), p.um()));
    }

    @Test
    void everyPublishedFigure1ValueWithinFivePercent() {
        StringBuilder table = new StringBuilder();
        for (Published p : FIGURE_1) {
            EnergyDensity.Result r = of(p);
            double got = p.perLitre() ? r.whL() : r.whKg();
            table.append(String.format("%s %s: %.0f vs %.0f%n", p.what(), p.perLitre() ? "Wh/L" : "Wh/kg", got, p.value()));
            assertEquals(p.value(), got, 0.05 * p.value(), p.what() + (p.perLitre() ? " Wh/L" : " Wh/kg"));
        }
        System.out.print(table);
        // at 10 µm: above 410 Wh/kg and above 1300 Wh/L
        EnergyDensity.Result thin = EnergyDensity.of(CellDesign.seed003("NCM811", 22, "PEO:LLZO", 10));
        assertTrue(thin.whKg() > 410, "10 µm: " + thin.whKg());
        assertTrue(thin.whL() > 1300, "10 µm: " + thin.whL());
    }

    @Test
    void massAndVolumeBreakdownsSumToTheTotals() {
        for (Published p : FIGURE_1) {
            EnergyDensity.Result r = of(p);
            assertEquals(r.totalMassMgCm2(), r.massMgCm2().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9 * r.totalMassMgCm2());
            assertEquals(r.totalThicknessUm(), r.thicknessUm().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9 * r.totalThicknessUm());
            assertEquals(0.20, r.massMgCm2().get("packaging") / r.totalMassMgCm2(), 1e-12);
            assertEquals(r.energyMwhCm2() * 1000 / r.totalMassMgCm2(), r.whKg(), 1e-9);
        }
    }

    @Test
    void hardLimitsOfTheModel() {
        CellDesign d = CellDesign.seed003("NCM811", 22, "PEO:LLZO", 100);
        EnergyDensity.Result r = EnergyDensity.of(d);
        // electrolyte mass: 1.6 g/cm³ × 100 µm = 16 mg/cm²; Li at N/P 1: 4.4 mAh/cm² / (3860 mAh/g × 0.534 g/cm³) = 21.35 µm
        assertEquals(16.0, r.massMgCm2().get("electrolyte"), 1e-12);
        assertEquals(4.4 / (3860 * 0.534) * 1e4, r.lithiumUm(), 1e-9);
        assertEquals(22 * 0.2 * 3.8, r.energyMwhCm2(), 1e-12);
        // an active-material-only cell without packaging approaches q·U: a thin, light everything else
        CellDesign ideal = new CellDesign("NCM811", 200, 3.8, 1, 4.8, 40, "PEO", 1e-6, 1e-6, 1e-9, 0, 0, 0, 0, 0);
        assertEquals(200 * 3.8, EnergyDensity.of(ideal).whKg(), 0.01);
        // thinner electrolyte, lighter packaging: both raise Wh/kg
        assertTrue(EnergyDensity.of(d.withElectrolyteUm(50)).whKg() > r.whKg());
        assertTrue(Sensitivity.of(d, 0.2).get(0).width() > 0);
    }

    @Test
    void badDesignsNameTheField() {
        assertEquals("electrolyte_um", assertThrows(InputException.class,
                () -> DesignFile.parse(Json.mapper().readTree("{\"electrolyte_um\": -5}"), "d.json")).field());
        InputException noUnit = assertThrows(InputException.class, () -> DesignFile.parse(Json.mapper().readTree("{\"loading\": 22}"), "d.json"));
        assertEquals("loading", noUnit.field());
        assertTrue(noUnit.expected().contains("loading_mg_cm2"), noUnit.getMessage());
        InputException unknown = assertThrows(InputException.class, () -> DesignFile.parse(Json.mapper().readTree("{\"electrolyte\": \"unobtainium\"}"), "d.json"));
        assertEquals("electrolyte", unknown.field());
        assertTrue(unknown.expected().contains("LLZO"), unknown.getMessage());
        assertEquals("d.json", unknown.source());
        assertEquals("active_fraction", assertThrows(InputException.class,
                () -> DesignFile.parse(Json.mapper().readTree("{\"active_fraction\": 1.5}"), "d.json")).field());
        assertEquals("loading_mg_cm2", assertThrows(InputException.class,
                () -> DesignFile.parse(Json.mapper().readTree("{\"loading_mg_cm2\": \"22 mg\"}"), "d.json")).field());
    }
}
