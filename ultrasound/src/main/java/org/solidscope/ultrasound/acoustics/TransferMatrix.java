package org.solidscope.ultrasound.acoustics;

import java.util.List;
import org.solidscope.core.materials.AcousticMaterial;

/**
 * Normal-incidence transfer-matrix model of a layer stack. Each layer of thickness d, impedance Z and
 * wavenumber k relates pressure and particle velocity on its two faces:
 * <pre>
 *   (p, v)_front = M · (p, v)_back,   M = [[cos kd, i·Z·sin kd], [i·sin kd / Z, cos kd]]
 * </pre>
 * With loss, k = ω/c − i·α (α in Np/m, linear in frequency) and Z = ρω/k. For the stack product
 * A = M₁·M₂·…·Mₙ between half-spaces Z_in and Z_out, with D = A₁₁ + A₁₂/Z_out + Z_in·A₂₁ + Z_in·A₂₂/Z_out:
 * t = 2/D, r = (A₁₁ + A₁₂/Z_out − Z_in·A₂₁ − Z_in·A₂₂/Z_out)/D. Time convention e^{iωt}.
 *
 * <p>A {@link Compiled} stack holds the layer matrices at one frequency (flat arrays of doubles, no
 * objects), the products before and after the gap site, so that a gap thickness costs one layer
 * matrix and two products.
 */
public final class TransferMatrix {
    private TransferMatrix() {}

    /** The layers of a stack in a given state, each resolved to one material (porous layers mixed). */
    public static AcousticMaterial[] resolve(LayerStack stack, CellState state) {
        List<Layer> ls = stack.layers();
        AcousticMaterial filler = stack.library().get("cell state", "pore filler", state.poreFiller());
        AcousticMaterial gas = stack.library().get("cell state", "gas", "air");
        AcousticMaterial[] out = new AcousticMaterial[ls.size()];
        for (int i = 0; i < out.length; i++) {
            Layer l = ls.get(i);
            out[i] = l.porous() ? PoreMixing.effective(l.skeleton(), l.porosity(), filler, gas, state.poreGasFraction()) : l.material();
        }
        return out;
    }

    /** Writes the 2×2 complex matrix of one layer into m[o..o+8) as (a11re, a11im, a12re, a12im, a21re, a21im, a22re, a22im). */
    static void layerMatrix(AcousticMaterial mat, double thicknessM, double omega, double fMHz, double[] m, int o) {
        double kr = omega / mat.speedMs(), ki = -mat.attenuationNpPerM(fMHz);
        // Z = ρω/k
        double den = kr * kr + ki * ki;
        double zr = mat.densityKgM3() * omega * kr / den, zi = -mat.densityKgM3() * omega * ki / den;
        double a = kr * thicknessM, b = ki * thicknessM; // kd = a + ib
        double ea = Math.exp(b), eb = 1 / ea;
        double ch = (ea + eb) / 2, sh = (ea - eb) / 2;
        double ca = Math.cos(a), sa = Math.sin(a);
        // cos(a+ib) = cos a cosh b − i sin a sinh b; sin(a+ib) = sin a cosh b + i cos a sinh b
        double cre = ca * ch, cim = -sa * sh, sre = sa * ch, sim = ca * sh;
        m[o] = cre; m[o + 1] = cim;
        // i·Z·sin = i·(zr + i zi)(sre + i sim)
        double zsr = zr * sre - zi * sim, zsi = zr * sim + zi * sre;
        m[o + 2] = -zsi; m[o + 3] = zsr;
        // i·sin/Z
        double zz = zr * zr + zi * zi;
        double qr = (sre * zr + sim * zi) / zz, qi = (sim * zr - sre * zi) / zz;
        m[o + 4] = -qi; m[o + 5] = qr;
        m[o + 6] = cre; m[o + 7] = cim;
    }

    /** c = a·b for 2×2 complex matrices stored as 8 doubles. c may alias neither a nor b. */
    static void multiply(double[] a, int ao, double[] b, int bo, double[] c, int co) {
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 2; col++) {
                int x = ao + row * 4, y = bo + col * 2;
                double r = a[x] * b[y] - a[x + 1] * b[y + 1] + a[x + 2] * b[y + 4] - a[x + 3] * b[y + 5];
                double i = a[x] * b[y + 1] + a[x + 1] * b[y] + a[x + 2] * b[y + 5] + a[x + 3] * b[y + 4];
                c[co + row * 4 + col * 2] = r;
                c[co + row * 4 + col * 2 + 1] = i;
            }
        }
    }

    static StackResponse response(double[] A, double zin, double zout, double fMHz) {
        double a11r = A[0], a11i = A[1], a12r = A[2], a12i = A[3], a21r = A[4], a21i = A[5], a22r = A[6], a22i = A[7];
        double pr = a11r + a12r / zout, pi = a11i + a12i / zout;
        double qr = zin * a21r + zin * a22r / zout, qi = zin * a21i + zin * a22i / zout;
        double dr = pr + qr, di = pi + qi, dd = dr * dr + di * di;
        double tr = 2 * dr / dd, ti = -2 * di / dd;
        double nr = pr - qr, ni = pi - qi;
        double rr = (nr * dr + ni * di) / dd, ri = (ni * dr - nr * di) / dd;
        return new StackResponse(fMHz, tr, ti, rr, ri, (tr * tr + ti * ti) * zin / zout, rr * rr + ri * ri);
    }

    /** Response of a stack in a state at one frequency, the gap (if any) inserted after the gap site. */
    public static StackResponse evaluate(LayerStack stack, CellState state, double frequencyMHz) {
        return compile(stack, state, frequencyMHz).withGap(state.gapUm());
    }

    public static Compiled compile(LayerStack stack, CellState state, double frequencyMHz) {
        return new Compiled(stack, resolve(stack, state), frequencyMHz);
    }

    /** A stack at one frequency: layer matrices and the partial products around the gap site. */
    public static final class Compiled {
        final double fMHz, omega, zin, zout;
        final int n, site;
        final double[] layers, before, after;
        final AcousticMaterial gas;

        Compiled(LayerStack stack, AcousticMaterial[] mats, double fMHz) {
            this.fMHz = fMHz;
            this.omega = 2 * Math.PI * fMHz * 1e6;
            this.zin = stack.incident().impedanceRayl();
            this.zout = stack.transmitted().impedanceRayl();
            this.n = mats.length;
            this.site = stack.gapSite();
            this.gas = stack.library().get("cell state", "gas", "air");
            layers = new double[8 * n];
            for (int i = 0; i < n; i++) layerMatrix(mats[i], stack.layers().get(i).thicknessUm() * 1e-6, omega, fMHz, layers, 8 * i);
            before = product(0, Math.min(site + 1, n));
            after = product(Math.min(site + 1, n), n);
        }

        private double[] product(int from, int to) {
            double[] acc = {1, 0, 0, 0, 0, 0, 1, 0}, tmp = new double[8];
            for (int i = from; i < to; i++) {
                multiply(acc, 0, layers, 8 * i, tmp, 0);
                double[] s = acc; acc = tmp; tmp = s;
            }
            return acc;
        }

        /** The full product of all layer matrices, recomputed (the benchmark's unit of work). */
        public StackResponse evaluateAll() {
            return response(product(0, n), zin, zout, fMHz);
        }

        /** Response with a gas gap of the given thickness at the gap site (0: no gap). */
        public StackResponse withGap(double gapUm) {
            double[] m = new double[8], tmp = new double[8];
            if (gapUm <= 0) {
                multiply(before, 0, after, 0, m, 0);
                return response(m, zin, zout, fMHz);
            }
            double[] g = new double[8];
            layerMatrix(gas, gapUm * 1e-6, omega, fMHz, g, 0);
            multiply(before, 0, g, 0, tmp, 0);
            multiply(tmp, 0, after, 0, m, 0);
            return response(m, zin, zout, fMHz);
        }

        public int layerCount() { return n; }
    }
}
