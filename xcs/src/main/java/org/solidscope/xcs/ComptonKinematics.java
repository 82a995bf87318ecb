package org.solidscope.xcs;

/**
 * Compton scattering kinematics: the scattered photon's energy and the electron momentum a measured energy stands for.
 *
 * <p>Conventions: energies in keV, angles in radians, momenta {@code pz} in atomic units (ħ/a₀; 1 a.u. = mc/137.036).
 * {@code pz} is the electron's momentum projected on the scattering vector, positive above the Compton energy, so that
 * J(pz) is symmetric about 0 for an isotropic sample.
 */
public final class ComptonKinematics {
    /** Electron rest energy, keV (CODATA 2018). */
    public static final double MC2_KEV = 510.99895;
    /** Inverse fine-structure constant: mc in atomic units of momentum. */
    public static final double MC_AU = 137.035999;

    private ComptonKinematics() {}

    /** Energy of a photon of energy {@code e1Kev} Compton-scattered by a free electron at rest through {@code thetaRad}. */
    public static double comptonEnergyKev(double e1Kev, double thetaRad) {
        return e1Kev / (1 + e1Kev / MC2_KEV * (1 - Math.cos(thetaRad)));
    }

    /**
     * The seed's Eq. 2 (impulse approximation, electron energy taken as mc²):
     * pz/mc = (E2 − E1 + E1·E2·(1 − cos θ)/mc²) / √(E1² + E2² − 2·E1·E2·cos θ).
     */
    public static double pzAu(double e1Kev, double e2Kev, double thetaRad) {
        double c = Math.cos(thetaRad);
        double q = Math.sqrt(e1Kev * e1Kev + e2Kev * e2Kev - 2 * e1Kev * e2Kev * c);
        return (e2Kev - e1Kev + e1Kev * e2Kev * (1 - c) / MC2_KEV) / q * MC_AU;
    }

    /**
     * The exact relativistic relation for an electron whose momentum lies along the scattering vector: energy and momentum
     * conservation, pz·c·|q| = E1·E2·(1 − cos θ) − (E1 − E2)·√(m²c⁴ + pz²c²), solved for pz (the root that satisfies
     * the unsquared equation). Differs from {@link #pzAu} by under 1 % within |pz| &lt; 5 a.u. at 115 keV.
     */
    public static double pzAuExact(double e1Kev, double e2Kev, double thetaRad) {
        double c = Math.cos(thetaRad);
        double a = e1Kev * e2Kev * (1 - c);
        double d = e1Kev - e2Kev;
        double q = Math.sqrt(e1Kev * e1Kev + e2Kev * e2Kev - 2 * e1Kev * e2Kev * c);
        double s = Math.sqrt(a * a + 2 * a * MC2_KEV * MC2_KEV);
        double pzC = (a * q - d * s) / (2 * a); // q² − d² = 2a
        return pzC / MC2_KEV * MC_AU;
    }

    /**
     * The scattered energy at which {@link #pzAu} equals {@code pz}: Eq. 2 squared is a quadratic in E2,
     * (A² − k²)·E2² − 2·E1·(A − k²·cos θ)·E2 + E1²·(1 − k²) = 0 with k = pz/mc and A = 1 + E1·(1 − cos θ)/mc²; the root
     * where A·E2 − E1 has the sign of k is the one Eq. 2 itself gives.
     */
    public static double energyForPzKev(double e1Kev, double pz, double thetaRad) {
        double c = Math.cos(thetaRad), k = pz / MC_AU, a = 1 + e1Kev * (1 - c) / MC2_KEV;
        double qa = a * a - k * k, qb = -2 * e1Kev * (a - k * k * c), qc = e1Kev * e1Kev * (1 - k * k);
        double disc = Math.sqrt(Math.max(0, qb * qb - 4 * qa * qc));
        double r1 = (-qb + disc) / (2 * qa), r2 = (-qb - disc) / (2 * qa);
        double s1 = Math.signum(a * r1 - e1Kev);
        return s1 == Math.signum(k) || k == 0 && Math.abs(a * r1 - e1Kev) < Math.abs(a * r2 - e1Kev) ? r1 : r2;
    }

    /**
     * Cross-section factor of the impulse approximation, E2/E1 (Eisenberger and Platzman 1970): the counts per unit pz
     * at E2 are proportional to this factor times J(pz). The polarisation and Thomson factors are constant over one
     * pixel's Compton peak and cancel in every ratio this module reports.
     */
    public static double crossSectionFactor(double e1Kev, double e2Kev) {
        return e2Kev / e1Kev;
    }

    /** Klein–Nishina differential cross section per electron for unpolarised photons, barn/sr. */
    public static double kleinNishinaBarnPerSr(double e1Kev, double thetaRad) {
        double k = comptonEnergyKev(e1Kev, thetaRad) / e1Kev;
        double sin2 = Math.sin(thetaRad) * Math.sin(thetaRad);
        return 0.5 * R0_SQUARED_BARN * k * k * (k + 1 / k - sin2);
    }

    /** Klein–Nishina total cross section per electron, barn. */
    public static double kleinNishinaTotalBarn(double e1Kev) {
        double x = e1Kev / MC2_KEV;
        double l = Math.log(1 + 2 * x);
        return 2 * Math.PI * R0_SQUARED_BARN * ((1 + x) / (x * x) * (2 * (1 + x) / (1 + 2 * x) - l / x) + l / (2 * x) - (1 + 3 * x) / ((1 + 2 * x) * (1 + 2 * x)));
    }

    /** Classical electron radius squared, barn (r₀ = 2.8179403262 fm). */
    public static final double R0_SQUARED_BARN = 2.8179403262e-13 * 2.8179403262e-13 * 1e24;
}
