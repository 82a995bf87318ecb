package org.solidscope.design;

/**
 * Li plated into a surface flaw of a brittle electrolyte (seed 001, Eqs. 5–6, after Porz et al.):
 * the largest hydrostatic stress plating can build is {@code σ0 = (F/V_m)·ΔΦ}, and a flaw of size a
 * grows when {@code σ ≥ K_IC/(γ·√(π·a))}. The smallest overpotential that propagates it is therefore
 * {@code ΔΦ = V_m·K_IC / (F·γ·√(π·a))}.
 *
 * <p>Validity: linear-elastic fracture of a brittle electrolyte, a uniform stress inside the flaw equal
 * to the thermodynamic maximum (an upper bound on the stress, so a lower bound on ΔΦ), Li not yielding
 * out of the flaw faster than it is plated. Units: K_IC in MPa·m^½, a in µm, ΔΦ in V, σ in MPa.
 */
public final class FlawPropagation {
    private FlawPropagation() {}

    public static final double FARADAY_C_MOL = 96485.33212;
    /** Molar volume of Li metal, m³/mol (13 cm³/mol, seed 001). */
    public static final double LI_MOLAR_VOLUME_M3 = 13e-6;

    /** Stress (MPa) that fractures from a flaw of {@code flawUm}: K_IC/(γ√(πa)). */
    public static double fractureStressMpa(double kIcMpaM05, double flawUm, double gamma) {
        return kIcMpaM05 / (gamma * Math.sqrt(Math.PI * flawUm * 1e-6));
    }

    /** The hydrostatic stress (MPa) an overpotential (V) can build in plated Li: F·ΔΦ/V_m (about 7.4 MPa per mV). */
    public static double platingStressMpa(double overpotentialV) {
        return FARADAY_C_MOL * overpotentialV / LI_MOLAR_VOLUME_M3 / 1e6;
    }

    /** The smallest overpotential (V) that propagates the flaw. */
    public static double criticalOverpotentialV(double kIcMpaM05, double flawUm, double gamma) {
        return fractureStressMpa(kIcMpaM05, flawUm, gamma) * 1e6 * LI_MOLAR_VOLUME_M3 / FARADAY_C_MOL;
    }

    /** Stress (MPa) along a Li-filled flaw at depth x from its tip (seed 001, Eq. 4): σ0·exp(−2μx/h). */
    public static double stressAlongFlawMpa(double tipStressMpa, double frictionCoefficient, double xUm, double thicknessUm) {
        return tipStressMpa * Math.exp(-2 * frictionCoefficient * xUm / thicknessUm);
    }
}
