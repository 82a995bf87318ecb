package org.solidscope.tomo;

/**
 * The change of a phase's volume (the Li anode's, in the seed) between two scans of one cell. The
 * cell moves a little between scans, and the fields of view cut it at different places, so the
 * scans are first registered (a translation) and the phase is counted only where both fields of
 * view see the same material.
 *
 * <p>Registration: for each axis, the mean grey value of every plane across that axis forms a
 * profile; the integer shift that maximises the normalised cross-correlation of the two profiles
 * (over their overlap, within ±maxShift) is that axis's shift. Static structure (casing, current
 * collectors, electrode) dominates these profiles, so the growing phase does not pull the result.
 * Convention: material at p in the first scan sits at p + shift in the second.
 */
public final class VolumeChange {
    private VolumeChange() {}

    public record Shift(int dx, int dy, int dz) {}

    /** Phase voxels of each scan in the common region, and (after − before)/before. */
    public record Result(Shift shift, long voxelsBefore, long voxelsAfter, double relativeChange, long commonVoxels) {}

    public static Shift register(Volume16 a, Volume16 b, int maxShift) {
        if (a.nx() != b.nx() || a.ny() != b.ny() || a.nz() != b.nz()) throw new IllegalArgumentException("the two scans must have one shape");
        double[][] pa = profiles(a), pb = profiles(b);
        return new Shift(bestShift(pa[0], pb[0], maxShift), bestShift(pa[1], pb[1], maxShift), bestShift(pa[2], pb[2], maxShift));
    }

    public static Result of(Volume16 greyBefore, Mask3 before, Volume16 greyAfter, Mask3 after, int maxShift) {
        Shift s = register(greyBefore, greyAfter, maxShift);
        int nx = before.nx(), ny = before.ny(), nz = before.nz();
        int x0 = Math.max(0, -s.dx()), x1 = Math.min(nx, nx - s.dx());
        int y0 = Math.max(0, -s.dy()), y1 = Math.min(ny, ny - s.dy());
        int z0 = Math.max(0, -s.dz()), z1 = Math.min(nz, nz - s.dz());
        long nb = 0, na = 0;
        for (int z = z0; z < z1; z++) {
            byte[] p = before.slices()[z], q = after.slices()[z + s.dz()];
            for (int y = y0; y < y1; y++) {
                int rp = y * nx, rq = (y + s.dy()) * nx + s.dx();
                for (int x = x0; x < x1; x++) { nb += p[rp + x]; na += q[rq + x]; }
            }
        }
        long common = (long) Math.max(0, x1 - x0) * Math.max(0, y1 - y0) * Math.max(0, z1 - z0);
        if (nb == 0) throw new org.solidscope.core.NumericalException("volume change: the phase is empty in the common region of the first scan");
        return new Result(s, nb, na, (na - nb) / (double) nb, common);
    }

    /** Mean grey per plane across x, y and z. */
    static double[][] profiles(Volume16 v) {
        double[] px = new double[v.nx()], py = new double[v.ny()], pz = new double[v.nz()];
        for (int z = 0; z < v.nz(); z++) {
            short[] s = v.slices()[z];
            for (int y = 0; y < v.ny(); y++) {
                double row = 0;
                for (int x = 0; x < v.nx(); x++) {
                    int g = s[y * v.nx() + x] & 0xFFFF;
                    px[x] += g;
                    row += g;
                }
                py[y] += row;
                pz[z] += row;
            }
        }
        return new double[][] {px, py, pz};
    }

    /** The shift d (b[i + d] ≈ a[i]) of best normalised cross-correlation. */
    static int bestShift(double[] a, double[] b, int maxShift) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        int n = a.length;
        for (int d = -Math.min(maxShift, n - 3); d <= Math.min(maxShift, n - 3); d++) {
            int i0 = Math.max(0, -d), i1 = Math.min(n, n - d), m = i1 - i0;
            double sa = 0, sb = 0;
            for (int i = i0; i < i1; i++) { sa += a[i]; sb += b[i + d]; }
            double ma = sa / m, mb = sb / m, sab = 0, saa = 0, sbb = 0;
            for (int i = i0; i < i1; i++) {
                double u = a[i] - ma, w = b[i + d] - mb;
                sab += u * w; saa += u * u; sbb += w * w;
            }
            double score = saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : Double.NEGATIVE_INFINITY;
            if (score > bestScore) { bestScore = score; best = d; }
        }
        return best;
    }
}
