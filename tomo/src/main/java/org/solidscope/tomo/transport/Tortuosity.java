package org.solidscope.tomo.transport;

import java.util.stream.IntStream;
import org.solidscope.core.Progress;
import org.solidscope.tomo.Mask3;

/**
 * Tortuosity factor of a conducting phase from steady-state diffusion, in the TauFactor convention
 * (Cooper et al., SoftwareX 5 (2016) 203; Kench et al., JOSS 2023):
 * {@code D_eff = D · ε / τ}, τ not squared, ε the phase's volume fraction.
 *
 * <p>Discretisation (cell-centred finite volumes on the voxel grid, as TauFactor's): the
 * concentration is fixed at 1 and 0 on the two faces across the transport axis, half a voxel
 * outside the first and last layer (so the length is the full thickness L, not L − 1); the other
 * faces are sealed; phase voxels exchange with their six face neighbours that are phase. Only the
 * part of the phase connected to both faces (6-connectivity) carries flux: dead ends and islands
 * count in ε but not in the flux, and a phase with no such part gives τ = ∞, D_eff = 0.
 *
 * <p>Solver: conjugate gradients preconditioned by block SSOR (see {@link #precondition}), started
 * from a linear profile.
 * Convergence, checked every {@link #CHECK_EVERY} iterations, is TauFactor's criterion: the flux
 * through every interior layer within {@code fluxSpread} of the largest ((max − min)/max), and τ
 * changed by less than {@code tauChange} since the previous check. Then
 * {@code D_eff/D = J·L/Δc} with J the mean flux per unit cross-section over the interior layers.
 */
public final class Tortuosity {
    private Tortuosity() {}

    public static final int CHECK_EVERY = 10;

    /** Transport along x, y or z of the mask. */
    public enum Axis { X, Y, Z }

    public record Settings(Axis axis, double fluxSpread, double tauChange, int maxIterations) {
        /** TauFactor's defaults: 1 % flux spread, τ change below 0.002. */
        public static Settings defaults(Axis axis) { return new Settings(axis, 1e-2, 2e-3, 100_000); }
    }

    /**
     * τ (∞ when nothing percolates), D_eff/D, ε, the fraction of the phase that percolates, the
     * flux through each layer boundary along the axis (L + 1 values, boundary faces included, per
     * unit cross-section), iterations, whether it converged, and the final flux spread.
     */
    public record Result(double tau, double relativeDiffusivity, double volumeFraction, double percolatingFraction,
                         double[] fluxProfile, int iterations, boolean converged, double fluxSpread, Field field) {
        public boolean percolates() { return Double.isFinite(tau); }
    }

    /** The solved concentration on the grid (axis-major), for flux-field output. */
    public record Field(int na, int nb, int nc, float[] concentration, byte[] conducting) {
        /** Local flux along the axis at voxel (a, b, c): the mean of its two faces' fluxes (0 outside the percolating phase). */
        public float axialFlux(int a, int b, int c) {
            int sb = nc + 2, sa = (nb + 2) * sb, i = (a + 1) * sa + (b + 1) * sb + (c + 1);
            if (conducting[i] == 0) return 0;
            float u = concentration[i];
            float up = a == 0 ? 2 * (1 - u) : conducting[i - sa] != 0 ? concentration[i - sa] - u : 0;
            float down = a == na - 1 ? 2 * u : conducting[i + sa] != 0 ? u - concentration[i + sa] : 0;
            return 0.5f * (up + down);
        }
    }

    public static Result solve(Mask3 phase, Settings st, Progress progress) {
        // grid dims: a along the transport axis (slowest), then b, c; one voxel of padding all round
        int na, nb, nc;
        switch (st.axis()) {
            case Z -> { na = phase.nz(); nb = phase.ny(); nc = phase.nx(); }
            case Y -> { na = phase.ny(); nb = phase.nz(); nc = phase.nx(); }
            default -> { na = phase.nx(); nb = phase.nz(); nc = phase.ny(); }
        }
        if (na < 2) throw new IllegalArgumentException("tortuosity: the volume needs at least 2 voxels along " + st.axis());
        int sb = nc + 2, sa = (nb + 2) * sb;
        long cells = (long) (na + 2) * sa;
        if (cells > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("tortuosity: volume too large for one grid (" + cells + " cells)");
        int n = (int) cells;
        byte[] m = new byte[n];
        long phaseVoxels = 0;
        int nx = phase.nx(), ny = phase.ny();
        for (int z = 0; z < phase.nz(); z++) {
            byte[] sl = phase.slices()[z];
            for (int y = 0; y < ny; y++) for (int x = 0; x < nx; x++) {
                if (sl[y * nx + x] == 0) continue;
                int a, b, c;
                switch (st.axis()) {
                    case Z -> { a = z; b = y; c = x; }
                    case Y -> { a = y; b = z; c = x; }
                    default -> { a = x; b = z; c = y; }
                }
                m[(a + 1) * sa + (b + 1) * sb + c + 1] = 1;
                phaseVoxels++;
            }
        }
        double eps = phaseVoxels / ((double) na * nb * nc);
        long perc = keepPercolating(m, na, nb, nc);
        double[] profile = new double[na + 1];
        if (perc == 0) {
            return new Result(Double.POSITIVE_INFINITY, 0, eps, 0, profile, 0, true, 0, new Field(na, nb, nc, new float[n], m));
        }
        // diagonal: phase face neighbours, plus conductance 2 for a fixed face half a voxel away
        float[] diag = new float[n];
        float[] rhs = new float[n];
        float[] u = new float[n];
        parallelPlanes(na, a -> {
            for (int b = 0; b < nb; b++) for (int c = 0; c < nc; c++) {
                int i = (a + 1) * sa + (b + 1) * sb + c + 1;
                if (m[i] == 0) continue;
                int k = m[i - 1] + m[i + 1] + m[i - sb] + m[i + sb] + m[i - sa] + m[i + sa];
                if (a == 0) { k += 2; rhs[i] = 2; }          // face at concentration 1
                if (a == na - 1) k += 2;                      // face at concentration 0
                diag[i] = k;
                u[i] = 1 - (a + 0.5f) / na;                   // linear start
            }
        });
        float[] inv = new float[n];
        for (int i = 0; i < n; i++) inv[i] = m[i] != 0 ? 1 / diag[i] : 0;
        float[] r = new float[n], z = new float[n], p = new float[n], q = new float[n];
        // r = b − A·u
        apply(u, q, m, diag, na, sa, sb, nb, nc);
        for (int i = 0; i < n; i++) if (m[i] != 0) r[i] = rhs[i] - q[i];
        precondition(r, z, inv, na, sa, sb);
        System.arraycopy(z, 0, p, 0, n);
        double rz = dot(r, z, na, sa, sb, nb, nc);
        double tauPrev = Double.NaN, tau = Double.NaN, spread = Double.NaN;
        boolean converged = false;
        int it = 0;
        while (it < st.maxIterations()) {
            apply(p, q, m, diag, na, sa, sb, nb, nc);
            double pq = dot(p, q, na, sa, sb, nb, nc);
            if (pq <= 0) break; // exact solution reached (or a breakdown from round-off)
            float alpha = (float) (rz / pq);
            parallelPlanes(na, a -> {
                // whole padded planes: padding and non-phase cells hold p = q = r = 0 and diag = 1
                for (int i = (a + 1) * sa, end = i + sa; i < end; i++) {
                    u[i] += alpha * p[i];
                    r[i] -= alpha * q[i];
                }
            });
            precondition(r, z, inv, na, sa, sb);
            double rzNew = dot(r, z, na, sa, sb, nb, nc);
            float beta = (float) (rzNew / rz);
            rz = rzNew;
            parallelPlanes(na, a -> {
                for (int i = (a + 1) * sa, end = i + sa; i < end; i++) p[i] = z[i] + beta * p[i];
            });
            it++;
            if (it % CHECK_EVERY == 0) {
                flux(u, m, na, sa, sb, nb, nc, profile);
                double max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY, sum = 0;
                for (int k = 1; k < na; k++) { max = Math.max(max, profile[k]); min = Math.min(min, profile[k]); sum += profile[k]; }
                double mean = sum / (na - 1);
                spread = max > 0 ? (max - min) / max : Double.POSITIVE_INFINITY;
                tau = eps / (mean * na);
                // progress: how far the flux spread has come down (log scale) from 1 towards its target
                double done = Math.log(Math.max(spread, st.fluxSpread())) / Math.log(st.fluxSpread());
                progress.update(Math.round(999 * Math.max(0, Math.min(1, done))), 1000);
                if (spread < st.fluxSpread() && Math.abs(tau - tauPrev) < st.tauChange()) { converged = true; break; }
                tauPrev = tau;
            }
        }
        flux(u, m, na, sa, sb, nb, nc, profile);
        double sum = 0, max = Double.NEGATIVE_INFINITY, min = Double.POSITIVE_INFINITY;
        for (int k = 1; k < na; k++) { sum += profile[k]; max = Math.max(max, profile[k]); min = Math.min(min, profile[k]); }
        double dRel = sum / (na - 1) * na;
        progress.update(1000, 1000);
        return new Result(eps / dRel, dRel, eps, perc / (double) phaseVoxels, profile, it, converged,
                max > 0 ? (max - min) / max : Double.NaN, new Field(na, nb, nc, u, m));
    }

    /** Over-relaxation of the SSOR preconditioner. */
    static final float OMEGA = 1.6f;

    /** SSOR blocks swept together by one task: the sweeps are latency-bound chains, four of them interleave. */
    static final int CHAINS = 4;

    /**
     * z = M⁻¹·r with M the symmetric successive over-relaxation (SSOR) splitting of A, per block of
     * consecutive planes: a forward then a backward Gauss–Seidel sweep within each block, couplings
     * between blocks left out (block-Jacobi of SSOR), so M stays symmetric positive definite and the
     * blocks are independent. Each task sweeps {@link #CHAINS} blocks interleaved, because one sweep is
     * a chain of dependent steps that would leave the core waiting. Cells outside the phase have
     * inv = 0 and stay 0.
     */
    private static void precondition(float[] r, float[] z, float[] inv, int na, int sa, int sb) {
        int tasks = Math.max(1, Math.min(na / (2 * CHAINS), Runtime.getRuntime().availableProcessors()));
        int blocks = tasks * CHAINS;
        int planes = na / blocks; // every block this many planes; the remainder is a block of its own
        IntStream.range(0, tasks + 1).parallel().forEach(task -> {
            if (task == tasks) {
                if (planes * blocks < na) sweep(r, z, inv, (planes * blocks + 1) * sa, (na + 1) * sa, sa, sb);
                return;
            }
            if (planes == 0) return;
            int len = planes * sa;
            int f0 = (task * CHAINS + 1) * planes * sa + sa - planes * sa, f1 = f0 + len, f2 = f1 + len, f3 = f2 + len;
            final float w = OMEGA;
            // forward: the first plane of each block has no lower plane inside its block
            for (int t = 0; t < len; t++) {
                int i0 = f0 + t, i1 = f1 + t, i2 = f2 + t, i3 = f3 + t;
                boolean firstPlane = t < sa;
                float l0 = firstPlane ? 0 : z[i0 - sa], l1 = firstPlane ? 0 : z[i1 - sa], l2 = firstPlane ? 0 : z[i2 - sa], l3 = firstPlane ? 0 : z[i3 - sa];
                z[i0] = w * inv[i0] * (r[i0] + z[i0 - 1] + z[i0 - sb] + l0);
                z[i1] = w * inv[i1] * (r[i1] + z[i1 - 1] + z[i1 - sb] + l1);
                z[i2] = w * inv[i2] * (r[i2] + z[i2 - 1] + z[i2 - sb] + l2);
                z[i3] = w * inv[i3] * (r[i3] + z[i3 - 1] + z[i3 - sb] + l3);
            }
            // backward, in place: z = y + ω·D⁻¹·(upper neighbours of z)
            for (int t = len - 1; t >= 0; t--) {
                int i0 = f0 + t, i1 = f1 + t, i2 = f2 + t, i3 = f3 + t;
                boolean lastPlane = t >= len - sa;
                float u0 = lastPlane ? 0 : z[i0 + sa], u1 = lastPlane ? 0 : z[i1 + sa], u2 = lastPlane ? 0 : z[i2 + sa], u3 = lastPlane ? 0 : z[i3 + sa];
                z[i0] += w * inv[i0] * (z[i0 + 1] + z[i0 + sb] + u0);
                z[i1] += w * inv[i1] * (z[i1 + 1] + z[i1 + sb] + u1);
                z[i2] += w * inv[i2] * (z[i2 + 1] + z[i2 + sb] + u2);
                z[i3] += w * inv[i3] * (z[i3 + 1] + z[i3 + sb] + u3);
            }
        });
    }

    /** One block's SSOR sweeps over cells [first, last) (whole padded planes). */
    private static void sweep(float[] r, float[] z, float[] inv, int first, int last, int sa, int sb) {
        for (int i = first; i < last; i++) z[i] = OMEGA * inv[i] * (r[i] + z[i - 1] + z[i - sb] + (i - sa >= first ? z[i - sa] : 0));
        for (int i = last - 1; i >= first; i--) z[i] += OMEGA * inv[i] * (z[i + 1] + z[i + sb] + (i + sa < last ? z[i + sa] : 0));
    }

    /** q = A·x over the percolating phase (x is zero elsewhere, so no neighbour test is needed). */
    private static void apply(float[] x, float[] q, byte[] m, float[] diag, int na, int sa, int sb, int nb, int nc) {
        parallelPlanes(na, a -> {
            for (int i = (a + 1) * sa + sb, end = (a + 2) * sa - sb; i < end; i++) {
                // mask as a multiplier: no branch in the loop
                q[i] = diag[i] * x[i] - m[i] * (x[i - 1] + x[i + 1] + x[i - sb] + x[i + sb] + x[i - sa] + x[i + sa]);
            }
        });
    }

    /** Flux per unit cross-section through each of the na + 1 layer boundaries, boundary faces included. */
    private static void flux(float[] u, byte[] m, int na, int sa, int sb, int nb, int nc, double[] out) {
        double area = (double) nb * nc;
        IntStream.rangeClosed(0, na).parallel().forEach(k -> {
            double s = 0;
            for (int b = 0; b < nb; b++) {
                int row = (b + 1) * sb + 1;
                for (int c = 0; c < nc; c++) {
                    if (k == 0) { int i = sa + row + c; if (m[i] != 0) s += 2 * (1 - u[i]); }
                    else if (k == na) { int i = na * sa + row + c; if (m[i] != 0) s += 2 * u[i]; }
                    else {
                        int i = k * sa + row + c, j = i + sa;
                        if (m[i] != 0 && m[j] != 0) s += u[i] - u[j];
                    }
                }
            }
            out[k] = s / area;
        });
    }

    private static double dot(float[] x, float[] y, int na, int sa, int sb, int nb, int nc) {
        double[] part = new double[na];
        parallelPlanes(na, a -> {
            // float products summed in four float lanes per row, rows summed in double
            double s = 0;
            for (int i = (a + 1) * sa, end = i + sa; i < end; i += sb) {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int j = i, e = i + sb;
                for (; j + 3 < e; j += 4) { s0 += x[j] * y[j]; s1 += x[j + 1] * y[j + 1]; s2 += x[j + 2] * y[j + 2]; s3 += x[j + 3] * y[j + 3]; }
                for (; j < e; j++) s0 += x[j] * y[j];
                s += (double) s0 + s1 + s2 + s3;
            }
            part[a] = s;
        });
        double s = 0;
        for (double v : part) s += v; // fixed order: the same answer on any number of cores
        return s;
    }

    private static void parallelPlanes(int na, java.util.function.IntConsumer body) {
        IntStream.range(0, na).parallel().forEach(body);
    }

    /**
     * Keeps in {@code m} only phase voxels connected (6-connectivity) to both fixed faces; returns
     * how many remain.
     */
    static long keepPercolating(byte[] m, int na, int nb, int nc) {
        byte[] fromTop = reach(m, na, nb, nc, 0);
        byte[] fromBottom = reach(m, na, nb, nc, na - 1);
        long kept = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i] != 0 && fromTop[i] != 0 && fromBottom[i] != 0) kept++;
            else m[i] = 0;
        }
        return kept;
    }

    private static byte[] reach(byte[] m, int na, int nb, int nc, int startLayer) {
        int sb = nc + 2, sa = (nb + 2) * sb;
        byte[] seen = new byte[m.length];
        int[] queue = new int[1024];
        int head = 0, tail = 0;
        for (int b = 0; b < nb; b++) for (int c = 0; c < nc; c++) {
            int i = (startLayer + 1) * sa + (b + 1) * sb + c + 1;
            if (m[i] != 0) {
                seen[i] = 1;
                if (tail == queue.length) queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                queue[tail++] = i;
            }
        }
        int[] step = {1, -1, sb, -sb, sa, -sa};
        while (head < tail) {
            int i = queue[head++];
            for (int s : step) {
                int j = i + s;
                if (m[j] != 0 && seen[j] == 0) { // padding is never phase, so j stays on the grid
                    seen[j] = 1;
                    if (tail == queue.length) {
                        // compact the consumed head before growing
                        System.arraycopy(queue, head, queue, 0, tail - head);
                        tail -= head;
                        head = 0;
                        if (tail == queue.length) queue = java.util.Arrays.copyOf(queue, queue.length * 2);
                    }
                    queue[tail++] = j;
                }
            }
        }
        return seen;
    }
}
