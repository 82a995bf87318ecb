package org.solidscope.design;

import org.solidscope.core.InputException;

/**
 * The dendrite margin of one operating point, checked and computed once for every caller (the {@code design dendrite}
 * command and the server's calculator): the Griffith fracture stress and overpotential of the flaw, the applied and the
 * critical overpotential at the stack pressure, their ratio and the predicted CCD ({@link DendriteMargin}), and how much
 * faster lithium creeps at the temperature than at 25 °C ({@link LithiumCreep}, Q from the materials library).
 * Bad input is an {@link InputException} from source {@code dendrite} naming the field by its key
 * ({@code temperature_c}); callers name it as their users wrote it.
 */
public final class DendriteAssessment {
    private DendriteAssessment() {}

    /** The temperature at which the interface resistance is given: 25 °C. */
    public static final double REFERENCE_K = 298.15;

    /** The highest temperature assessed, °C: past it no solid electrolyte cell or lithium (m.p. 180.5 °C) is solid. */
    public static final double MAX_TEMPERATURE_C = 1000;

    public record Inputs(double kIcMpaM05, double flawUm, double gamma, double asrOhmCm2, double asrActivationKjMol, double currentMaCm2,
                         double pressureMpa, double temperatureC) {}

    /** @param creepActivationKjMol Q of lithium's creep, from the materials library */
    public record Result(Inputs inputs, double fractureStressMpa, double griffithOverpotentialV, double appliedOverpotentialV,
                         double criticalOverpotentialV, double margin, double predictedCcdMaCm2, double liCreepRateRelativeTo25C,
                         double creepActivationKjMol) {}

    public static Result of(Inputs in) {
        finite("k_ic_mpa_m05", in.kIcMpaM05());
        finite("flaw_um", in.flawUm());
        finite("gamma", in.gamma());
        finite("asr_ohm_cm2", in.asrOhmCm2());
        finite("asr_activation_kj_mol", in.asrActivationKjMol());
        finite("current_ma_cm2", in.currentMaCm2());
        finite("pressure_mpa", in.pressureMpa());
        finite("temperature_c", in.temperatureC());
        if (!(in.temperatureC() > -273.15 && in.temperatureC() <= MAX_TEMPERATURE_C)) {
            throw new InputException("dendrite", "temperature_c", "−273.15 … " + (long) MAX_TEMPERATURE_C + " °C", String.valueOf(in.temperatureC()));
        }
        if (!(in.pressureMpa() >= 0)) throw new InputException("dendrite", "pressure_mpa", "a pressure ≥ 0", String.valueOf(in.pressureMpa()));
        InputException.requirePositive("dendrite", "current_ma_cm2", in.currentMaCm2());
        DendriteMargin m = new DendriteMargin(in.kIcMpaM05(), in.flawUm(), in.gamma(), in.asrOhmCm2(), in.asrActivationKjMol(), REFERENCE_K);
        double tK = in.temperatureC() + 273.15, q = DesignMaterials.shipped().lithium().creepActivationKjMol();
        return new Result(in, FlawPropagation.fractureStressMpa(in.kIcMpaM05(), in.flawUm(), in.gamma()),
                FlawPropagation.criticalOverpotentialV(in.kIcMpaM05(), in.flawUm(), in.gamma()), m.appliedOverpotentialV(in.currentMaCm2(), tK),
                m.criticalOverpotentialV(in.pressureMpa()), m.margin(in.pressureMpa(), tK, in.currentMaCm2()),
                m.criticalCurrentDensityMaCm2(in.pressureMpa(), tK), LithiumCreep.relativeRate(tK, REFERENCE_K, q), q);
    }

    private static void finite(String field, double v) {
        if (!Double.isFinite(v)) throw new InputException("dendrite", field, "a finite number", String.valueOf(v));
    }
}
