package org.solidscope.design;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gravimetric and volumetric energy density of a {@link CellDesign}, with the mass and thickness of
 * every component. Per cm² of one cathode layer:
 * <pre>
 *   E   = loading · q · U                               (mWh; q specific capacity, U mean voltage)
 *   Q   = loading · q                                   (mAh, areal capacity)
 *   t_Li = max(N/P · Q / (q_Li · ρ_Li), t_Li,min)
 *   m_stack = loading/f + ρ_el·t_el + ρ_Li·t_Li + ρ_Al·t_Al/2 + ρ_Cu·t_Cu/2
 *   t_stack = (loading/f)/ρ_c + t_el + t_Li + t_Al/2 + t_Cu/2
 *   m = m_stack / (1 − p_m),  V = t_stack / (1 − p_V)   (packaging shares)
 *   Wh/kg = E/m,  Wh/L = E/V
 * </pre>
 */
public final class EnergyDensity {
    private EnergyDensity() {}

    /**
     * @param massMgCm2 every component's mass per cm² of cathode layer, packaging included; they sum to {@code totalMassMgCm2}
     * @param thicknessUm every component's share of the thickness; they sum to {@code totalThicknessUm}
     */
    public record Result(CellDesign design, double whKg, double whL, double energyMwhCm2, double arealCapacityMahCm2, double lithiumUm,
                         double totalMassMgCm2, double totalThicknessUm, Map<String, Double> massMgCm2, Map<String, Double> thicknessUm) {

        /** The result as the CLI's JSON and the server's API give it (keys with units). */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("design", design);
            m.put("wh_kg", whKg);
            m.put("wh_l", whL);
            m.put("energy_mwh_cm2", energyMwhCm2);
            m.put("areal_capacity_mah_cm2", arealCapacityMahCm2);
            m.put("lithium_um", lithiumUm);
            m.put("mass_mg_cm2", massMgCm2);
            m.put("thickness_um", thicknessUm);
            m.put("total_mass_mg_cm2", totalMassMgCm2);
            m.put("total_thickness_um", totalThicknessUm);
            m.put("basis", "per cm² of one cathode layer of double-sided electrodes; packaging as shares of the cell");
            return m;
        }

        /** The mass of every component as a bar chart (PNG). */
        public byte[] massChart() {
            java.util.List<org.solidscope.report.BarChart.Bar> bars = new java.util.ArrayList<>();
            massMgCm2.forEach((k, v) -> bars.add(new org.solidscope.report.BarChart.Bar(k, 0, v)));
            return org.solidscope.report.BarChart.png(String.format(java.util.Locale.ROOT, "%s %.0f mg/cm² / %s %.0f µm: %.0f Wh/kg, %.0f Wh/L — mass per cm² of cathode layer",
                    design.cathode(), design.loadingMgCm2(), design.electrolyte(), design.electrolyteUm(), whKg, whL), "mg/cm²", bars, 0);
        }
    }

    public static Result of(CellDesign d) {
        DesignMaterials lib = DesignMaterials.shipped();
        DesignMaterials.Lithium li = lib.lithium();
        double capacity = d.loadingMgCm2() * d.specificCapacityMahG() / 1000;           // mAh/cm²
        double energy = capacity * d.voltageV();                                         // mWh/cm²
        double liUmPerMah = 1e4 / (li.specificCapacityMahG() * li.densityGcm3());        // µm per mAh/cm²
        double liUm = Math.max(d.npRatio() * capacity * liUmPerMah, d.lithiumMinUm());
        double composite = d.loadingMgCm2() / d.activeFraction();                         // mg/cm²
        Map<String, Double> mass = new LinkedHashMap<>(), thick = new LinkedHashMap<>();
        // ρ [g/cm³] · t [µm] = ρ · t · 0.1 mg/cm²; m [mg/cm²] / ρ = 10 · m/ρ µm
        mass.put("cathode", composite);
        thick.put("cathode", 10 * composite / d.compositeDensityGcm3());
        mass.put("electrolyte", d.electrolyteDensityGcm3() * d.electrolyteUm() * 0.1);
        thick.put("electrolyte", d.electrolyteUm());
        mass.put("lithium", li.densityGcm3() * liUm * 0.1);
        thick.put("lithium", liUm);
        mass.put("aluminium", lib.aluminiumDensityGcm3() * d.aluminiumUm() / 2 * 0.1);
        thick.put("aluminium", d.aluminiumUm() / 2);
        mass.put("copper", lib.copperDensityGcm3() * d.copperUm() / 2 * 0.1);
        thick.put("copper", d.copperUm() / 2);
        double mStack = mass.values().stream().mapToDouble(Double::doubleValue).sum();
        double tStack = thick.values().stream().mapToDouble(Double::doubleValue).sum();
        double m = mStack / (1 - d.packagingMassFraction()), t = tStack / (1 - d.packagingVolumeFraction());
        mass.put("packaging", m - mStack);
        thick.put("packaging", t - tStack);
        // mWh/mg = Wh/g = 1000 Wh/kg; mWh per (µm·cm²) = mWh per 1e-4 cm³ → ×1e4 mWh/cm³ = Wh/L
        return new Result(d, 1000 * energy / m, 1e4 * energy / t, energy, capacity, liUm, m, t, java.util.Collections.unmodifiableMap(mass), java.util.Collections.unmodifiableMap(thick));
    }
}
