package org.solidscope.design;

/**
 * How far a cell is from driving Li through its largest flaw, at a stack pressure, temperature and
 * current density. The applied overpotential is the interface's area-specific resistance times the
 * current, {@code ΔΦ = j·ASR(T)} with {@code ASR(T) = ASR_ref·exp(E_a/R·(1/T − 1/T_ref))}; the flaw
 * propagates at {@code ΔΦ_c = V_m/F · (K_IC/(γ√(πa)) + P)}, counting the stack pressure P as a stress
 * that closes the flaw (its most favourable effect; cracks parallel to the load are not closed by it).
 * The margin is {@code ΔΦ_c/ΔΦ}: above 1 the flaw is stable.
 *
 * @param asrOhmCm2 interface resistance at {@code referenceK} (from impedance when the record has it)
 * @param asrActivationKjMol activation energy of that resistance
 */
public record DendriteMargin(double kIcMpaM05, double flawUm, double gamma, double asrOhmCm2, double asrActivationKjMol, double referenceK) {

    public DendriteMargin {
        CellDesign.positive("dendrite", "k_ic_mpa_m05", kIcMpaM05);
        CellDesign.positive("dendrite", "flaw_um", flawUm);
        CellDesign.positive("dendrite", "gamma", gamma);
        CellDesign.positive("dendrite", "asr_ohm_cm2", asrOhmCm2);
        CellDesign.notNegative("dendrite", "asr_activation_kj_mol", asrActivationKjMol);
        CellDesign.positive("dendrite", "reference_k", referenceK);
    }

    /** Applied overpotential (V) at current density j (mA/cm²) and temperature T. */
    public double appliedOverpotentialV(double currentDensityMaCm2, double temperatureK) {
        double asr = asrOhmCm2 * Math.exp(asrActivationKjMol * 1e3 / LithiumCreep.GAS_CONSTANT_J_MOL_K * (1 / temperatureK - 1 / referenceK));
        return currentDensityMaCm2 * 1e-3 * asr;
    }

    /** Critical overpotential (V) under stack pressure P (MPa). */
    public double criticalOverpotentialV(double stackPressureMpa) {
        double sigma = FlawPropagation.fractureStressMpa(kIcMpaM05, flawUm, gamma) + stackPressureMpa;
        return sigma * 1e6 * FlawPropagation.LI_MOLAR_VOLUME_M3 / FlawPropagation.FARADAY_C_MOL;
    }

    public double margin(double stackPressureMpa, double temperatureK, double currentDensityMaCm2) {
        return criticalOverpotentialV(stackPressureMpa) / appliedOverpotentialV(currentDensityMaCm2, temperatureK);
    }

    /** The current density (mA/cm²) at which the margin reaches 1: a predicted critical current density. */
    public double criticalCurrentDensityMaCm2(double stackPressureMpa, double temperatureK) {
        return criticalOverpotentialV(stackPressureMpa) / appliedOverpotentialV(1, temperatureK);
    }
}
