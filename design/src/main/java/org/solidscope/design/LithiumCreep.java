package org.solidscope.design;

/**
 * How readily Li (or an electrolyte) flows instead of building stress (seed 001, Eqs. 1–3).
 * <ul>
 * <li>Power-law creep: {@code ε̇ = B·(σ/σ0)^n}.</li>
 * <li>Stress exponent of a thermally activated, stress-driven process: {@code n = H·V/(3√3·k_B) · 1/T}
 *     (H indentation hardness, V activation volume).</li>
 * <li>Temperature: dislocation-climb creep of Li has an activation energy of 37 ± 6 kJ/mol, so at a
 *     given stress the creep rate scales as {@code exp(−Q/R·(1/T − 1/T_ref))}.</li>
 * </ul>
 * Validity: steady-state (stage II) creep, 248–398 K and 2·10⁻⁵–2·10⁻³ s⁻¹ for bulk Li (LePage et al.);
 * thin Li under friction is closer to hydrostatic and creeps less (Haslam et al.).
 */
public final class LithiumCreep {
    private LithiumCreep() {}

    public static final double BOLTZMANN_J_K = 1.380649e-23;
    public static final double GAS_CONSTANT_J_MOL_K = 8.314462618;

    /** n = H·V/(3√3·k_B·T); H in Pa, V in m³, T in K. */
    public static double stressExponent(double hardnessPa, double activationVolumeM3, double temperatureK) {
        return hardnessPa * activationVolumeM3 / (3 * Math.sqrt(3) * BOLTZMANN_J_K * temperatureK);
    }

    /** ε̇ = B·(σ/σ0)^n. */
    public static double strainRate(double coefficientPerS, double stressMpa, double referenceStressMpa, double exponent) {
        return coefficientPerS * Math.pow(stressMpa / referenceStressMpa, exponent);
    }

    /** Creep rate at T relative to T_ref for an Arrhenius process of activation energy Q (kJ/mol). */
    public static double relativeRate(double temperatureK, double referenceK, double activationKjMol) {
        return Math.exp(-activationKjMol * 1e3 / GAS_CONSTANT_J_MOL_K * (1 / temperatureK - 1 / referenceK));
    }

    /**
     * The stress (MPa) at which Li creeps at {@code strainRatePerS} at temperature T, from a power law
     * with exponent n and a reference point (σ_ref at ε̇_ref, T_ref): σ = σ_ref·(ε̇/(ε̇_ref·A(T)))^(1/n),
     * A(T) the Arrhenius factor.
     */
    public static double flowStressMpa(double strainRatePerS, double temperatureK, double refStressMpa, double refStrainRatePerS,
                                       double refTemperatureK, double exponent, double activationKjMol) {
        double a = relativeRate(temperatureK, refTemperatureK, activationKjMol);
        return refStressMpa * Math.pow(strainRatePerS / (refStrainRatePerS * a), 1 / exponent);
    }
}
