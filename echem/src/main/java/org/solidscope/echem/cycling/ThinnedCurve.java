package org.solidscope.echem.cycling;

import java.util.Arrays;
import org.solidscope.core.record.RecordArray;
import org.solidscope.io.Npy;

/**
 * The run thinned evenly to at most {@code cap} rows as it streams past: every {@code stride}-th row is kept and, when
 * the buffer is full, every other kept row is dropped and the stride doubled. The capacity since the step began is
 * integrated on every row, before thinning.
 */
public final class ThinnedCurve {
    private final int cap;
    private final double rest;
    private double[] t, v, i, q;
    private int n, stride = 1;
    private long seen;
    private double pt, pi, stepQ, minV = Double.POSITIVE_INFINITY, maxV = Double.NEGATIVE_INFINITY;
    private int lastSign = 2;

    public ThinnedCurve(int cap, double restCurrentA) {
        this.cap = cap - cap % 2;
        this.rest = restCurrentA;
        t = new double[this.cap];
        v = new double[this.cap];
        i = new double[this.cap];
        q = new double[this.cap];
    }

    public void row(double time, double volt, double cur) {
        int sign = Math.abs(cur) <= rest ? 0 : cur > 0 ? 1 : -1;
        if (sign != lastSign) stepQ = 0;
        else stepQ += 0.5 * (Math.abs(cur) + Math.abs(pi)) * (time - pt) / 3.6;
        lastSign = sign;
        pt = time;
        pi = cur;
        minV = Math.min(minV, volt);
        maxV = Math.max(maxV, volt);
        if (seen++ % stride != 0) return;
        if (n == cap) {
            for (int k = 0; k < cap / 2; k++) { t[k] = t[2 * k]; v[k] = v[2 * k]; i[k] = i[2 * k]; q[k] = q[2 * k]; }
            n = cap / 2;
            stride *= 2;
            if ((seen - 1) % stride != 0) return;
        }
        t[n] = time;
        v[n] = volt;
        i[n] = cur;
        q[n] = stepQ;
        n++;
    }

    /** The kind of run from its voltages: CCD (|V| &lt; 1.5 V), a sweep (one |dV/dt| on ≥ 80 % of intervals) or cycling. */
    public CyclingModality.Kind kind() {
        if (Math.max(Math.abs(minV), Math.abs(maxV)) < 1.5) return CyclingModality.Kind.CCD;
        if (n < 10) return CyclingModality.Kind.CYCLING;
        double[] rate = new double[n - 1];
        int m = 0;
        for (int k = 1; k < n; k++) if (t[k] > t[k - 1]) rate[m++] = Math.abs(v[k] - v[k - 1]) / (t[k] - t[k - 1]);
        if (m < 10) return CyclingModality.Kind.CYCLING;
        double[] sorted = Arrays.copyOf(rate, m);
        Arrays.sort(sorted);
        double med = sorted[m / 2];
        if (!(med > 0)) return CyclingModality.Kind.CYCLING;
        int near = 0;
        for (int k = 0; k < m; k++) if (Math.abs(rate[k] - med) <= 0.1 * med) near++;
        return near >= 0.8 * m ? CyclingModality.Kind.CV : CyclingModality.Kind.CYCLING;
    }

    public RecordArray array() {
        float[] a = new float[4 * n];
        for (int k = 0; k < n; k++) {
            a[k] = (float) t[k];
            a[n + k] = (float) v[k];
            a[2 * n + k] = (float) i[k];
            a[3 * n + k] = (float) q[k];
        }
        return new RecordArray("curve", "curve", "float32", new int[] {4, n}, "s|V|A|mAh", Double.NaN, null, Npy.encode2D(4, n, a));
    }

    /** Whether every row of the run was kept (nothing thinned). */
    public boolean whole() { return stride == 1 && n == seen; }

    /** The whole run: the kept rows when nothing was thinned, else the file read again ({@code mapping} as when it was streamed). */
    public CyclerFiles.Run wholeRun(String vendor, java.nio.file.Path file, String mapping) {
        return whole() ? run(vendor) : CyclerFiles.readAll(file, mapping);
    }

    /** Rows kept. */
    public int size() { return n; }

    /** The kept rows as a run (time s, voltage V, current A). */
    public CyclerFiles.Run run(String vendor) {
        return new CyclerFiles.Run(vendor, Arrays.copyOf(t, n), Arrays.copyOf(v, n), Arrays.copyOf(i, n));
    }

    /** Capacity since each kept row's step began (mAh), integrated over every row of the run. */
    public double[] stepCapacityMah() { return Arrays.copyOf(q, n); }
}
