package org.solidscope.xcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tschoonj.xraylib.Xraylib;
import org.junit.jupiter.api.Test;

class ComptonPhysicsTest {
    static final double RIGHT = Math.PI / 2;

    @Test
    void comptonEnergyAt115KevAnd90DegreesIsTheSeeds() {
        assertEquals(93.874, ComptonKinematics.comptonEnergyKev(115, RIGHT), 5e-4);
        assertEquals(21.1, 115 - ComptonKinematics.comptonEnergyKev(115, RIGHT), 0.05);
        // xraylib's own test value and our formula agree with it
        assertEquals(9.94301, ComptonKinematics.comptonEnergyKev(10, Math.PI / 4), 1e-5);
        assertEquals(Xraylib.ComptonEnergy(60, RIGHT), ComptonKinematics.comptonEnergyKev(60, RIGHT), 1e-3);
        assertEquals(53.695, ComptonKinematics.comptonEnergyKev(60, RIGHT), 1e-3);
    }

    @Test
    void seedsMomentumValuesFromEquation2() {
        assertEquals(-0.99, ComptonKinematics.pzAu(115, 93.0, RIGHT), 0.005);
        assertEquals(0.14, ComptonKinematics.pzAu(115, 94.0, RIGHT), 0.005);
        assertEquals(1.27, ComptonKinematics.pzAu(115, 95.0, RIGHT), 0.005);
        assertEquals(-4.45, ComptonKinematics.pzAu(115, 90.0, RIGHT), 0.01);
        assertEquals(4.58, ComptonKinematics.pzAu(115, 98.0, RIGHT), 0.01);
        // pz = 0 at the Compton energy, in both forms
        double ec = ComptonKinematics.comptonEnergyKev(115, RIGHT);
        assertEquals(0, ComptonKinematics.pzAu(115, ec, RIGHT), 1e-9);
        assertEquals(0, ComptonKinematics.pzAuExact(115, ec, RIGHT), 1e-9);
        assertEquals(ec, ComptonKinematics.energyForPzKev(115, 0, RIGHT), 1e-9);
    }

    @Test
    void exactRelationSatisfiesEnergyAndMomentumConservation() {
        for (double e2 = 88; e2 <= 100; e2 += 0.5) {
            double theta = Math.toRadians(87 + e2 % 5);
            double pz = ComptonKinematics.pzAuExact(115, e2, theta);
            double pzC = pz / ComptonKinematics.MC_AU * ComptonKinematics.MC2_KEV;
            double q = Math.sqrt(115 * 115 + e2 * e2 - 2 * 115 * e2 * Math.cos(theta));
            double lhs = pzC * q, rhs = 115 * e2 * (1 - Math.cos(theta)) - (115 - e2) * Math.sqrt(ComptonKinematics.MC2_KEV * ComptonKinematics.MC2_KEV + pzC * pzC);
            assertEquals(rhs, lhs, 1e-6 * Math.abs(rhs) + 1e-9);
            if (Math.abs(pz) < 5) assertEquals(pz, ComptonKinematics.pzAu(115, e2, theta), 0.01 * Math.max(1, Math.abs(pz)));
        }
    }

    @Test
    void kleinNishinaEqualsXraylibsTestValues() {
        assertEquals(0.64047, ComptonKinematics.kleinNishinaTotalBarn(10), 5e-5);
        assertEquals(0.058880, ComptonKinematics.kleinNishinaBarnPerSr(10, Math.PI / 4), 5e-6);
        for (double e : new double[] {20, 60, 115, 500}) {
            assertEquals(Xraylib.CS_KN(e), ComptonKinematics.kleinNishinaTotalBarn(e), 1e-6 * Xraylib.CS_KN(e));
            assertEquals(Xraylib.DCS_KN(e, 1.2), ComptonKinematics.kleinNishinaBarnPerSr(e, 1.2), 1e-6 * Xraylib.DCS_KN(e, 1.2));
        }
    }

    @Test
    void comptonProfilesAreXraylibsAndIntegrateToTheElectrons() {
        assertEquals(7.060, Xraylib.ComptonProfile(26, 0), 1e-3);
        assertEquals(7.060, ComptonMaterial.of("Fe", java.util.Map.of("Fe", 1.0)).j(0), 1e-3);
        assertEquals(6.843950273e-4, ComptonMaterial.of("Fe", java.util.Map.of("Fe", 1.0)).j(50), 1e-9);
        assertEquals(2.590, ComptonMaterial.lithium().j(0), 1e-3);
        for (ComptonMaterial m : new ComptonMaterial[] {ComptonMaterial.lithium(), ComptonMaterial.nmc622(0.5), ComptonMaterial.peoLitfsi(), ComptonMaterial.steel()}) {
            double all = m.cumulative().applyAsDouble(100) - m.cumulative().applyAsDouble(-100);
            assertEquals(m.electrons(), all, 0.002 * m.electrons(), m.name());
            assertEquals(m.integral(-3, 2), m.cumulative().applyAsDouble(2) - m.cumulative().applyAsDouble(-3), 1e-6 * m.electrons(), m.name());
        }
    }

    @Test
    void materialEmfRisesWithLithiumContent() {
        double prev = 0;
        for (double x = 0.2; x <= 1.0; x += 0.2) {
            double emf = ComptonMaterial.nmc622(x).emf();
            assertTrue(emf > prev, "EMF rises with x");
            prev = emf;
        }
        assertTrue(ComptonMaterial.lithium().emf() > ComptonMaterial.nmc622(1).emf(), "lithium's valence electron makes its EMF high");
    }

    @Test
    void pinholeAnglesAreNinetyAtTheCentreAndSpreadAlongTheBeam() {
        PinholeGeometry g = PinholeGeometry.seed();
        assertEquals(0.25 * 160 / 150, g.samplePitchMm(), 1e-12);
        double centre = Math.toDegrees(g.thetaRad(81, 81, 40, 40));
        assertEquals(90, centre, 1e-9);
        double edge = Math.toDegrees(g.thetaRad(80, 80, 40, 0)), other = Math.toDegrees(g.thetaRad(80, 80, 40, 79));
        // ±(39.5 × 0.2667 mm) at 160 mm: atan(10.53/160) = 3.77°
        assertEquals(3.77, Math.abs(edge - 90), 0.01);
        assertEquals(edge - 90, 90 - other, 1e-6);
        // across the beam the angle barely changes
        assertEquals(90, Math.toDegrees(g.thetaRad(81, 81, 0, 40)), 1e-9);
    }
}
