package org.solidscope.core.materials;

import org.solidscope.core.InputException;

/**
 * Longitudinal-wave properties of a material, with where the values come from.
 *
 * @param densityKgM3            mass density ρ
 * @param speedMs                longitudinal sound speed c
 * @param attenuationDbPerCmMHz  amplitude attenuation, taken as linear in frequency: α(f) = this × f (dB/cm)
 * @param source                 reference or reasoning behind the values
 */
public record AcousticMaterial(String name, double densityKgM3, double speedMs, double attenuationDbPerCmMHz, String source) {
    public AcousticMaterial {
        InputException.requirePositive(name, "density_kg_m3", densityKgM3);
        InputException.requirePositive(name, "speed_m_s", speedMs);
        if (!(attenuationDbPerCmMHz >= 0) || Double.isInfinite(attenuationDbPerCmMHz)) {
            throw new InputException(name, "attenuation_db_cm_mhz", "a finite number ≥ 0", String.valueOf(attenuationDbPerCmMHz));
        }
    }

    /** Characteristic acoustic impedance Z = ρc in Rayl (kg m⁻² s⁻¹). */
    public double impedanceRayl() { return densityKgM3 * speedMs; }

    /** Amplitude attenuation at frequency f in Np/m: α = dB/(cm·MHz) × f × 100 / (20·log10 e). */
    public double attenuationNpPerM(double frequencyMHz) {
        return attenuationDbPerCmMHz * frequencyMHz * 100 / 8.685889638065035;
    }

    /** Bulk modulus K = ρc² (Pa) of a fluid, or the P-wave modulus of a solid. */
    public double modulusPa() { return densityKgM3 * speedMs * speedMs; }
}
