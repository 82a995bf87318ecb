package org.solidscope.ultrasound.acoustics;

import org.solidscope.core.materials.AcousticMaterial;

/**
 * Effective properties of a porous layer whose pores hold a filler (liquid, polymer) and possibly gas,
 * by Wood's equation (the Reuss average):
 * {@code ρ = Σ φ_i ρ_i}, {@code 1/K = Σ φ_i / K_i}, {@code c = √(K/ρ)}, K_i = ρ_i c_i²; attenuation is the
 * volume-weighted mean of the constituents'.
 *
 * <p>Validity: exact for a suspension at wavelengths much longer than the particles (at 1 MHz the
 * wavelength, about 1.5 mm, is a hundred times an electrode particle). For a load-bearing, calendered
 * skeleton it is a lower bound on the stiffness, so it underestimates the speed of a liquid-filled
 * electrode; its strength is the trend: a little gas in the pores collapses K and with it the
 * impedance, which is what makes gas-filled pores opaque.
 */
public final class PoreMixing {
    private PoreMixing() {}

    public static AcousticMaterial effective(AcousticMaterial skeleton, double porosity, AcousticMaterial filler,
                                             AcousticMaterial gas, double gasFraction) {
        double fs = 1 - porosity, ff = porosity * (1 - gasFraction), fg = porosity * gasFraction;
        double rho = fs * skeleton.densityKgM3() + ff * filler.densityKgM3() + fg * gas.densityKgM3();
        double invK = fs / skeleton.modulusPa() + ff / filler.modulusPa() + fg / gas.modulusPa();
        double c = Math.sqrt(1 / invK / rho);
        double att = fs * skeleton.attenuationDbPerCmMHz() + ff * filler.attenuationDbPerCmMHz() + fg * gas.attenuationDbPerCmMHz();
        return new AcousticMaterial(skeleton.name() + "+" + filler.name() + (fg > 0 ? "+gas" : ""), rho, c, att,
                "Wood/Reuss mixture, porosity " + porosity + ", gas fraction of pores " + gasFraction);
    }
}
