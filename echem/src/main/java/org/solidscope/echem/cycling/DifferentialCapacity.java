package org.solidscope.echem.cycling;

import java.util.ArrayList;
import java.util.List;

/**
 * Differential capacity dQ/dV of every charge and discharge segment (a run of rows with one sign of current):
 * the capacity passed, Q = ∫|I|dt (trapezoid), is taken against the voltage (made monotonic in the segment's direction),
 * interpolated linearly at the edges of a uniform voltage grid of width {@code binV}, each bin's ΔQ divided by the
 * bin width, then smoothed by a centred three-bin moving average (weights 1/4, 1/2, 1/4, the end
 * bins keeping what would leave the range: the area is kept, so ∫ dQ/dV dV is still the segment's capacity). Peaks are the local maxima above 10 % of the segment's
 * largest value, tracked across cycles by voltage.
 */
public final class DifferentialCapacity {
    private DifferentialCapacity() {}

    /** @param voltageV bin centres; {@code dqdvMahPerV} mAh/V; {@code charging} the sign of the current */
    public record Segment(int index, boolean charging, double capacityMah, double[] voltageV, double[] dqdvMahPerV, double[] peaksV) {}

    public static List<Segment> of(CyclerFiles.Run run, double binV, double restCurrentA) {
        double[] t = run.timeS(), v = run.voltageV(), i = run.currentA();
        List<Segment> out = new ArrayList<>();
        int k = 0, n = t.length;
        while (k < n) {
            while (k < n && Math.abs(i[k]) <= restCurrentA) k++;
            if (k >= n) break;
            int start = k;
            boolean up = i[k] > 0;
            while (k < n && Math.abs(i[k]) > restCurrentA && i[k] > 0 == up) k++;
            if (k - start >= 3) out.add(segment(out.size() + 1, up, t, v, i, start, k, binV));
        }
        return out;
    }

    private static Segment segment(int index, boolean up, double[] t, double[] v, double[] i, int from, int to, double binV) {
        // cumulative capacity against a voltage made monotonic in the segment's direction (noise cannot fold the curve back)
        int m = to - from;
        double[] q = new double[m], vm = new double[m];
        vm[0] = v[from];
        for (int k = 1; k < m; k++) {
            q[k] = q[k - 1] + 0.5 * (Math.abs(i[from + k]) + Math.abs(i[from + k - 1])) * (t[from + k] - t[from + k - 1]) / 3.6; // mAh
            vm[k] = up ? Math.max(vm[k - 1], v[from + k]) : Math.min(vm[k - 1], v[from + k]);
        }
        double total = q[m - 1];
        double lo = Math.min(vm[0], vm[m - 1]), hi = Math.max(vm[0], vm[m - 1]);
        double base = Math.floor(lo / binV) * binV;
        int bins = Math.max(1, (int) Math.ceil((hi - base) / binV));
        // Q at the grid's edges by linear interpolation along the curve (no counting of samples per bin: no quantisation noise)
        double[] qAt = new double[bins + 1];
        int k = 0;
        for (int step = 0; step <= bins; step++) {
            int g = up ? step : bins - step; // walk the edges in the order the curve passes them
            double edge = Math.min(Math.max(base + g * binV, lo), hi);
            if (up) {
                while (k < m - 1 && vm[k + 1] < edge) k++;
            } else {
                while (k < m - 1 && vm[k + 1] > edge) k++;
            }
            int k1 = Math.min(k + 1, m - 1);
            double span = vm[k1] - vm[k];
            double f = span == 0 ? 0 : Math.min(1, Math.max(0, (edge - vm[k]) / span));
            qAt[g] = q[k] + f * (q[k1] - q[k]);
        }
        double[] dq = new double[bins];
        for (int g = 0; g < bins; g++) dq[g] = Math.abs(qAt[g + 1] - qAt[g]);
        double[] smooth = new double[bins], centre = new double[bins];
        for (int b = 0; b < bins; b++) {
            // each bin gives a quarter to each neighbour; at the ends the quarter that would leave the range stays
            double l = b > 0 ? dq[b - 1] : dq[b], r = b < bins - 1 ? dq[b + 1] : dq[b];
            smooth[b] = (0.25 * l + 0.5 * dq[b] + 0.25 * r) / binV;
            centre[b] = base + (b + 0.5) * binV;
        }
        double max = 0;
        for (double s : smooth) max = Math.max(max, s);
        List<Double> peaks = new ArrayList<>();
        for (int b = 1; b < bins - 1; b++) if (smooth[b] > smooth[b - 1] && smooth[b] >= smooth[b + 1] && smooth[b] > 0.1 * max) peaks.add(centre[b]);
        return new Segment(index, up, total, centre, smooth, peaks.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
