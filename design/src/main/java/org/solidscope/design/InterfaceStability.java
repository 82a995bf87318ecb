package org.solidscope.design;

/**
 * Criteria beside fracture (seed 001): Monroe–Newman stability, pulsed-current relaxation and Joule
 * heating at interface pores. Each is a first estimate with its validity stated.
 */
public final class InterfaceStability {
    private InterfaceStability() {}

    /**
     * Monroe–Newman: an electrolyte whose shear modulus is about twice that of Li (2.83 GPa) suppresses
     * roughening of a flat interface. Returns G_SE/G_Li; ≥ 2 meets the criterion. Validity: linear
     * elastic, isotropic, a flawless interface — dendrites still run along flaws, grain boundaries and
     * open pores in electrolytes that meet it (mode 1 fracture, mode 2 electronic leakage).
     */
    public static double monroeNewmanRatio(double electrolyteShearGpa) {
        return electrolyteShearGpa / DesignMaterials.shipped().lithium().shearModulusGpa();
    }

    public static final double MONROE_NEWMAN_THRESHOLD = 2.0;

    /**
     * Pulsed current (after Reisecker et al. 2023): Li⁺ activity at a defect tip builds up with a time
     * constant τ while the current flows and relaxes with the same τ in the pause. In the periodic
     * steady state the peak activity, as a fraction of what direct current reaches, is
     * {@code (1 − e^(−t_on/τ)) / (1 − e^(−(t_on+t_off)/τ))}; its inverse estimates how much the critical
     * current density rises. Validity: one relaxation time, linear build-up and decay.
     */
    public static double pulsedPeakFraction(double onS, double offS, double tauS) {
        return (1 - Math.exp(-onS / tauS)) / (1 - Math.exp(-(onS + offS) / tauS));
    }

    /** Volumetric heat capacity of Li, J/(cm³·K): 0.534 g/cm³ × 3.58 J/(g·K). */
    public static final double LI_HEAT_CAPACITY_J_CM3_K = 0.534 * 3.58;

    /**
     * Adiabatic temperature rise (K) of Li beside an interface pore during a pulse: the local current
     * density is {@code concentration} × the applied one (about 4 near a pore, Parejiya et al.), and its
     * Joule power {@code (c·j)²·ρ} heats the Li volume for {@code durationS}. Validity: no conduction
     * away (an upper bound for short pulses), ρ the resistivity of the path beside the pore (Ω·cm).
     */
    public static double jouleRiseK(double currentDensityMaCm2, double concentration, double resistivityOhmCm, double durationS) {
        double j = concentration * currentDensityMaCm2 * 1e-3; // A/cm²
        return j * j * resistivityOhmCm * durationS / LI_HEAT_CAPACITY_J_CM3_K;
    }
}
