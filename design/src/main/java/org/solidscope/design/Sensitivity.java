package org.solidscope.design;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One-at-a-time sensitivity of the gravimetric energy density: each parameter moved ±{@code relative}
 * (fractions stay below 1), the others kept, sorted by the width of the swing (a tornado chart).
 */
public final class Sensitivity {
    private Sensitivity() {}

    public record Swing(String parameter, double lowWhKg, double highWhKg) {
        public double width() { return Math.abs(highWhKg - lowWhKg); }
    }

    public static List<Swing> of(CellDesign d, double relative) {
        List<Swing> out = new ArrayList<>();
        add(out, d, relative, "loading_mg_cm2", (x, f) -> x.withLoading(x.loadingMgCm2() * f));
        add(out, d, relative, "electrolyte_um", (x, f) -> x.withElectrolyteUm(x.electrolyteUm() * f));
        add(out, d, relative, "specific_capacity_mah_g", (x, f) -> copy(x, 0, f));
        add(out, d, relative, "voltage_v", (x, f) -> copy(x, 1, f));
        add(out, d, relative, "active_fraction", (x, f) -> copy(x, 2, f));
        add(out, d, relative, "electrolyte_density_g_cm3", (x, f) -> copy(x, 3, f));
        add(out, d, relative, "np_ratio", (x, f) -> copy(x, 4, f));
        add(out, d, relative, "packaging_mass_fraction", (x, f) -> copy(x, 5, f));
        out.sort(Comparator.comparingDouble(Swing::width).reversed());
        return out;
    }

    private static void add(List<Swing> out, CellDesign d, double r, String name, BiFunction<CellDesign, Double, CellDesign> move) {
        out.add(new Swing(name, EnergyDensity.of(move.apply(d, 1 - r)).whKg(), EnergyDensity.of(move.apply(d, 1 + r)).whKg()));
    }

    private static CellDesign copy(CellDesign x, int which, double f) {
        return new CellDesign(x.cathode(), x.specificCapacityMahG() * (which == 0 ? f : 1), x.voltageV() * (which == 1 ? f : 1),
                Math.min(1, x.activeFraction() * (which == 2 ? f : 1)), x.compositeDensityGcm3(), x.loadingMgCm2(), x.electrolyte(),
                x.electrolyteDensityGcm3() * (which == 3 ? f : 1), x.electrolyteUm(), x.npRatio() * (which == 4 ? f : 1), x.lithiumMinUm(),
                x.aluminiumUm(), x.copperUm(), Math.min(0.99, x.packagingMassFraction() * (which == 5 ? f : 1)), x.packagingVolumeFraction());
    }
}
