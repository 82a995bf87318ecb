package org.solidscope.echem.cycling;

import java.util.ArrayList;
import java.util.List;

/**
 * Differential capacity dQ/dV of every charge and discharge segment (a run of rows with one sign of current):
 * the capacity passed, Q = ∫|I|dt (trapezoid), is taken against the voltage (made monotonic in the segment's direction),
 * interpolated linearly at the edges of a uniform voltage grid of width {@code binV} (widened to twice the median voltage step
 * between the segment's samples where the samples are sparser: finer bins would show only the interpolation's corners), each bin's ΔQ divided by the
 * bin width, then smoothed by a centred three-bin moving average (weights 1/4, 1/2, 1/4, the end
 * bins keeping what would leave the range: the area is kept, so ∫ dQ/dV dV is still the segment's capacity). Peaks are the local maxima whose prominence is at least 10 % of the
 * segment's largest value, tracked across cycles by voltage ({@link #track}).
 *
 * <p>dV/dQ is the same curve turned round: the voltage interpolated on a uniform grid of {@link #Q_BINS} capacity steps
 * across the segment, ΔV/ΔQ per step (V/mAh, positive on charge, the magnitude on discharge), smoothed by the same
 * 1/4-1/2-1/4 average; its integral over the grid is still the segment's voltage swing.
 */
public final class DifferentialCapacity {
    private DifferentialCapacity() {}

    /** Capacity steps of the dV/dQ grid per segment. */
    public static final int Q_BINS = 200;

    /**
     * @param binV     the bin width used: the one asked for, or twice the segment's median voltage step between samples where that is wider
     * @param voltageV bin centres; {@code dqdvMahPerV} mAh/V; {@code charging} the sign of the current; {@code peaksV} and
     *                 {@code peaksHeightMahPerV} the peaks; {@code capacityMah} the dV/dQ grid's centres (mAh from the segment's start)
     *                 and {@code dvdqVoltPerMah} |dV/dQ| there
     */
    public record Segment(int index, boolean charging, double capacityMah, double binV, double[] voltageV, double[] dqdvMahPerV, double[] peaksV,
                          double[] peaksHeightMahPerV, double[] capacityGridMah, double[] dvdqVoltPerMah) {}

    /** A peak followed across segments of one direction: the segments it was found in, its voltage and height there. */
    public record Track(int track, boolean charging, int[] segments, double[] voltageV, double[] heightMahPerV) {
        /** Voltage shift from the first segment to the last (V). */
        public double shiftV() { return voltageV[voltageV.length - 1] - voltageV[0]; }
    }

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
        // bins finer than the samples resolve only the corners of the interpolation: at least twice the median step
        double[] dv = new double[m - 1];
        for (int k = 1; k < m; k++) dv[k - 1] = Math.abs(vm[k] - vm[k - 1]);
        java.util.Arrays.sort(dv);
        binV = Math.max(binV, 2 * dv[(m - 1) / 2]);
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
        List<double[]> peaks = new ArrayList<>();
        for (int b = 1; b < bins - 1; b++) {
            if (smooth[b] > smooth[b - 1] && smooth[b] >= smooth[b + 1] && prominence(smooth, b) >= 0.1 * max) peaks.add(new double[] {centre[b], smooth[b]});
        }
        // dV/dQ: V at uniform capacity steps along the curve (q is non-decreasing; flat runs of q are skipped)
        double[] vAt = new double[Q_BINS + 1];
        int j = 0;
        for (int g = 0; g <= Q_BINS; g++) {
            double qg = total * g / Q_BINS;
            while (j < m - 2 && q[j + 1] < qg) j++;
            double span = q[j + 1 < m ? j + 1 : j] - q[j];
            double f = span <= 0 ? 0 : Math.min(1, Math.max(0, (qg - q[j]) / span));
            vAt[g] = vm[j] + f * (vm[Math.min(j + 1, m - 1)] - vm[j]);
        }
        double dqStep = total / Q_BINS;
        double[] raw = new double[Q_BINS], dvdq = new double[Q_BINS], qc = new double[Q_BINS];
        for (int g = 0; g < Q_BINS; g++) raw[g] = dqStep > 0 ? Math.abs(vAt[g + 1] - vAt[g]) / dqStep : 0;
        for (int g = 0; g < Q_BINS; g++) {
            double l = g > 0 ? raw[g - 1] : raw[g], r = g < Q_BINS - 1 ? raw[g + 1] : raw[g];
            dvdq[g] = 0.25 * l + 0.5 * raw[g] + 0.25 * r;
            qc[g] = (g + 0.5) * dqStep;
        }
        return new Segment(index, up, total, binV, centre, smooth, peaks.stream().mapToDouble(p -> p[0]).toArray(), peaks.stream().mapToDouble(p -> p[1]).toArray(),
                qc, dvdq);
    }

    /** How far a maximum stands above the higher of the lowest points between it and a higher value on either side (or the ends). */
    static double prominence(double[] y, int b) {
        double left = y[b], right = y[b];
        for (int k = b - 1; k >= 0 && y[k] <= y[b]; k--) left = Math.min(left, y[k]);
        for (int k = b + 1; k < y.length && y[k] <= y[b]; k++) right = Math.min(right, y[k]);
        return y[b] - Math.max(left, right);
    }

    /**
     * Peaks followed across segments: charge and discharge separately, in segment order, each peak joins the track whose
     * last voltage is nearest within {@code toleranceV} (each track takes at most one peak per segment); a peak near no
     * track starts one. Tracks are numbered in the order they start.
     */
    public static List<Track> track(List<Segment> segments, double toleranceV) {
        List<Track> out = new ArrayList<>();
        for (boolean dir : new boolean[] {true, false}) {
            List<List<double[]>> tracks = new ArrayList<>(); // rows {segment, voltage, height}
            for (Segment s : segments) {
                if (s.charging() != dir) continue;
                int before = tracks.size();
                boolean[] taken = new boolean[before]; // tracks started in this segment take no more of its peaks
                for (int p = 0; p < s.peaksV().length; p++) {
                    int best = -1;
                    double bestD = toleranceV;
                    for (int k = 0; k < before; k++) {
                        List<double[]> tr = tracks.get(k);
                        double d = Math.abs(tr.get(tr.size() - 1)[1] - s.peaksV()[p]);
                        if (!taken[k] && d <= bestD) { best = k; bestD = d; }
                    }
                    double[] row = {s.index(), s.peaksV()[p], s.peaksHeightMahPerV()[p]};
                    if (best >= 0) {
                        tracks.get(best).add(row);
                        taken[best] = true;
                    } else {
                        tracks.add(new ArrayList<>(List.of(row)));
                    }
                }
            }
            for (List<double[]> tr : tracks) {
                out.add(new Track(out.size() + 1, dir, tr.stream().mapToInt(r -> (int) r[0]).toArray(), tr.stream().mapToDouble(r -> r[1]).toArray(),
                        tr.stream().mapToDouble(r -> r[2]).toArray()));
            }
        }
        return List.copyOf(out);
    }
}
