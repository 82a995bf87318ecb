package org.solidscope.design;

import org.solidscope.core.InputException;

/**
 * A solid-state Li-metal stack, per cm² of one cathode layer. Electrodes are double-sided: each
 * cathode layer carries half of an aluminium foil, each Li layer half of a copper foil (0 µm: the Li
 * foil is its own collector). The Li layer holds {@code npRatio} times the cathode's areal capacity,
 * and at least {@code lithiumMinUm}. Packaging (pouch film, tabs, seals) is a stated share of the
 * cell's mass and volume.
 *
 * @param loadingMgCm2 active-material loading of one cathode layer, mg/cm²
 */
public record CellDesign(String cathode, double specificCapacityMahG, double voltageV, double activeFraction, double compositeDensityGcm3,
                         double loadingMgCm2, String electrolyte, double electrolyteDensityGcm3, double electrolyteUm,
                         double npRatio, double lithiumMinUm, double aluminiumUm, double copperUm,
                         double packagingMassFraction, double packagingVolumeFraction) {

    public CellDesign {
        String s = "design";
        positive(s, "specific_capacity_mah_g", specificCapacityMahG);
        positive(s, "voltage_v", voltageV);
        fraction(s, "active_fraction", activeFraction, false);
        positive(s, "cathode_density_g_cm3", compositeDensityGcm3);
        positive(s, "loading_mg_cm2", loadingMgCm2);
        positive(s, "electrolyte_density_g_cm3", electrolyteDensityGcm3);
        positive(s, "electrolyte_um", electrolyteUm);
        positive(s, "np_ratio", npRatio);
        notNegative(s, "lithium_min_um", lithiumMinUm);
        notNegative(s, "aluminium_um", aluminiumUm);
        notNegative(s, "copper_um", copperUm);
        fraction(s, "packaging_mass_fraction", packagingMassFraction, true);
        fraction(s, "packaging_volume_fraction", packagingVolumeFraction, true);
    }

    /** The stated parameters that land seed 003's Figure 1 (README, *Cell design*), with a cathode and electrolyte of the library. */
    public static CellDesign seed003(String cathodeName, double loadingMgCm2, String electrolyteName, double electrolyteUm) {
        DesignMaterials lib = DesignMaterials.shipped();
        DesignMaterials.Cathode c = lib.cathode("design", "cathode", cathodeName);
        DesignMaterials.Electrolyte e = lib.electrolyte("design", "electrolyte", electrolyteName);
        return new CellDesign(c.name(), c.specificCapacityMahG(), c.voltageV(), c.activeFraction(), c.compositeDensityGcm3(), loadingMgCm2,
                e.name(), e.densityGcm3(), electrolyteUm, 1.0, 0, 12, 0, 0.20, 0.16);
    }

    public CellDesign withLoading(double mgCm2) {
        return new CellDesign(cathode, specificCapacityMahG, voltageV, activeFraction, compositeDensityGcm3, mgCm2, electrolyte, electrolyteDensityGcm3,
                electrolyteUm, npRatio, lithiumMinUm, aluminiumUm, copperUm, packagingMassFraction, packagingVolumeFraction);
    }

    public CellDesign withElectrolyteUm(double um) {
        return new CellDesign(cathode, specificCapacityMahG, voltageV, activeFraction, compositeDensityGcm3, loadingMgCm2, electrolyte, electrolyteDensityGcm3,
                um, npRatio, lithiumMinUm, aluminiumUm, copperUm, packagingMassFraction, packagingVolumeFraction);
    }

    static void positive(String src, String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new InputException(src, field, "a finite number > 0", String.valueOf(v));
    }

    static void notNegative(String src, String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new InputException(src, field, "a finite number ≥ 0", String.valueOf(v));
    }

    static void fraction(String src, String field, double v, boolean zeroAllowed) {
        if (!(zeroAllowed ? v >= 0 : v > 0) || !(v < 1 || (!zeroAllowed && v == 1))) {
            throw new InputException(src, field, zeroAllowed ? "a fraction in [0, 1)" : "a fraction in (0, 1]", String.valueOf(v));
        }
    }
}
