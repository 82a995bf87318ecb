package org.solidscope.echem.cycling;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.solidscope.core.AtomicOutput;

/**
 * Galvanostatic cycling of a cell whose behaviour is set, written as an Arbin-style CSV (Data_Point,
 * Test_Time(s), Step_Index, Cycle_Index, Current(A), Voltage(V), Charge_Capacity(Ah), Discharge_Capacity(Ah),
 * Charge_Energy(Wh), Discharge_Energy(Wh)) row by row, so any length fits in constant memory.
 *
 * <p>Each cycle: rest, constant-current charge, rest, constant-current discharge. The accessible capacity at
 * C-rate r is {@code Q(r)·(1 − fade·(n − 1))} for cycle n; while a current flows the voltage is the open-circuit
 * curve at the state of charge plus (charge) or minus (discharge) the ohmic drop I·R(r); at rest it is the
 * open-circuit voltage. Each step begins at a logged row (as cyclers log a point at every step change), so the
 * jump from the last rest row to the first row under current is exactly the ohmic drop.
 *
 * <p>{@link #seed004Rate()} and {@link #seed004Life()} reproduce seed 004's cell (60 °C): 170.3 mAh/g at 0.07 C and
 * 134.2 mAh/g at 1 C (a power law in between), ohmic drops 10, 30, 70, 140 mV at 0.07, 0.2, 0.5, 1 C, and 90 %
 * retention after 200 cycles at 0.2 C; 19.32 mg of active material on 1 cm² (3.29 mAh/cm² at 0.07 C), 1 C = 4.286 mA
 * (0.3 mA/cm² is 0.07 C).
 */
public final class CyclingSimulator {
    private CyclingSimulator() {}

    /** One block of cycles at one C-rate: capacity (mAh/g) and ohmic drop (mV) at that rate. */
    public record Block(double cRate, int cycles, double capacityMahG, double ohmicDropMv) {}

    /**
     * @param coulombicEfficiency charge capacity = discharge capacity / CE
     * @param noiseMv             Gaussian noise on the logged voltage (standard deviation, mV; 0 for none), from {@code seed}
     */
    public record Protocol(String name, double activeMassMg, double oneCurrentMa, double fadePerCycle, double coulombicEfficiency,
                           double lowerV, double upperV, double sampleS, double restS, List<Block> blocks, double noiseMv, long seed) {}

    public static final double SEED_MASS_MG = 3.29 / 170.3 * 1000, SEED_1C_MA = 0.3 / 0.07;

    static double seedCapacity(double c) { return 134.2 * Math.pow(c, -Math.log(170.3 / 134.2) / Math.log(1 / 0.07)); }

    public static Protocol seed004Rate() {
        List<Block> b = new ArrayList<>();
        double[][] r = {{0.07, 10}, {0.2, 30}, {0.5, 70}, {1, 140}};
        for (double[] x : r) b.add(new Block(x[0], 3, seedCapacity(x[0]), x[1]));
        return new Protocol("seed004-rate", SEED_MASS_MG, SEED_1C_MA, 0, 0.999, 3.0, 4.3, 30, 600, b, 0, 0);
    }

    public static Protocol seed004Life() {
        return new Protocol("seed004-life", SEED_MASS_MG, SEED_1C_MA, 0.1 / 199, 0.999, 3.0, 4.3, 60, 600, List.of(new Block(0.2, 200, seedCapacity(0.2), 30)), 0, 0);
    }

    /**
     * Where a state of the first cycle of {@link #seed004Rate()} lies on its clock (s): {@code pristine} in the first rest,
     * {@code charged_<x>} when x % of the charge has passed, {@code discharged_<x>} when the cell is back at x %; for placing
     * an operando series on the run's voltage curve. The cyclers' 1 ms step gaps are left out.
     */
    public static double seed004FirstCycleTimeS(String state) {
        Protocol p = seed004Rate();
        Block b = p.blocks().get(0);
        double iA = b.cRate() * p.oneCurrentMa() / 1000;
        double qd = b.capacityMahG() * p.activeMassMg() / 1000, qc = qd / p.coulombicEfficiency();
        double charge = qc * 3.6 / iA, discharge = qd * 3.6 / iA;
        if (state.equals("pristine")) return p.restS() / 2;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(charged|discharged)_(\\d{1,3})").matcher(state);
        if (!m.matches()) throw new IllegalArgumentException("not a state of the first cycle: " + state);
        double x = Integer.parseInt(m.group(2)) / 100.0;
        return m.group(1).equals("charged") ? p.restS() + x * charge : 2 * p.restS() + charge + (1 - x) * discharge;
    }

    /** The protocol with samples {@code factor} times denser (for files of a given size). */
    public static Protocol denser(Protocol p, double factor) {
        return new Protocol(p.name(), p.activeMassMg(), p.oneCurrentMa(), p.fadePerCycle(), p.coulombicEfficiency(), p.lowerV(), p.upperV(),
                p.sampleS() / factor, p.restS(), p.blocks(), p.noiseMv(), p.seed());
    }

    /** The protocol with voltage noise of {@code noiseMv} (1σ) drawn from {@code seed}. */
    public static Protocol withNoise(Protocol p, double noiseMv, long seed) {
        return new Protocol(p.name(), p.activeMassMg(), p.oneCurrentMa(), p.fadePerCycle(), p.coulombicEfficiency(), p.lowerV(), p.upperV(),
                p.sampleS(), p.restS(), p.blocks(), noiseMv, seed);
    }

    /** Open-circuit voltage of a layered oxide against Li at state of charge x ∈ [0, 1] (V): smooth, monotonic. */
    static double ocv(double x, double lo, double hi) {
        double s = 0.03 + 0.94 * x;
        return lo + 0.12 + (hi - lo - 0.2) * (0.62 * s + 0.38 * s * s * s) + 0.04 * Math.log(s / (1 - s)) / 3.5;
    }

    /** How many rows the protocol writes (counted by running it into nothing). */
    public static long rowsOf(Protocol p) {
        try {
            return run(p, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes the run to {@code out}; returns the number of rows. */
    public static long write(Protocol p, Path out) {
        long[] rows = {0};
        AtomicOutput.write(out, tmp -> {
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
                rows[0] = run(p, o);
            }
        });
        return rows[0];
    }

    static long run(Protocol p, OutputStream o) throws IOException {
        o.write("Data_Point,Test_Time(s),Step_Index,Cycle_Index,Current(A),Voltage(V),Charge_Capacity(Ah),Discharge_Capacity(Ah),Charge_Energy(Wh),Discharge_Energy(Wh)\n"
                .getBytes(StandardCharsets.US_ASCII));
        Row r = new Row(o, p.noiseMv() / 1000, p.seed());
        int cycle = 0;
        for (Block b : p.blocks()) {
            double iA = b.cRate() * p.oneCurrentMa() / 1000, rOhm = b.ohmicDropMv() / 1000 / iA;
            for (int k = 0; k < b.cycles(); k++) {
                cycle++;
                int n = cycle - firstCycleOf(p, b) + 1; // fade counts within the block
                double qd = b.capacityMahG() * p.activeMassMg() / 1000 * (1 - p.fadePerCycle() * (n - 1)); // mAh
                double qc = qd / p.coulombicEfficiency();
                r.resetCycle(cycle);
                // rest at the bottom, charge, rest at the top, discharge
                r.rest(p, 1, p.restS(), ocv(0, p.lowerV(), p.upperV()));
                r.constantCurrent(p, 2, iA, qc, rOhm, true);
                r.rest(p, 3, p.restS(), ocv(1, p.lowerV(), p.upperV()));
                r.constantCurrent(p, 4, -iA, qd, rOhm, false);
            }
        }
        return r.rows;
    }

    private static int firstCycleOf(Protocol p, Block b) {
        int c = 1;
        for (Block x : p.blocks()) { if (x == b) return c; c += x.cycles(); }
        return c;
    }

    /** The writer's state: time, the cycle's running capacities and energies, one formatted row at a time. */
    private static final class Row {
        final OutputStream o;
        long rows;
        double t, qc, qd, ec, ed;
        int cycle;
        final StringBuilder b = new StringBuilder(160);

        final double noiseV;
        final java.util.Random random;

        Row(OutputStream o, double noiseV, long seed) {
            this.o = o;
            this.noiseV = noiseV;
            this.random = new java.util.Random(seed);
        }

        void resetCycle(int c) { cycle = c; qc = qd = ec = ed = 0; }

        /** A rest logged from its start to its end, the next step 1 ms after its last row (cyclers log at every step change). */
        void rest(Protocol p, int step, double seconds, double v) throws IOException {
            int n = (int) Math.ceil(seconds / p.sampleS());
            double start = t;
            for (int k = 0; k <= n; k++) { t = start + seconds * k / n; emit(step, 0, v); }
            t += 1e-3;
        }

        /** A constant-current step delivering {@code mah}; the first row is at the step's start, the last at its end. */
        void constantCurrent(Protocol p, int step, double iA, double mah, double rOhm, boolean charging) throws IOException {
            double seconds = mah * 3.6 / Math.abs(iA);
            int n = Math.max(2, (int) Math.ceil(seconds / p.sampleS()));
            double dt = seconds / n, prevV = Double.NaN;
            for (int k = 0; k <= n; k++) {
                double frac = (double) k / n, x = charging ? frac : 1 - frac;
                double v = ocv(x, p.lowerV(), p.upperV()) + iA * rOhm;
                if (k > 0) {
                    double dq = Math.abs(iA) * dt / 3.6, de = Math.abs(iA) * 0.5 * (v + prevV) * dt / 3.6; // mAh, mWh
                    if (charging) { qc += dq; ec += de; } else { qd += dq; ed += de; }
                    t += dt;
                }
                emit(step, iA, v);
                prevV = v;
            }
            t += 1e-3; // the next step's first row follows 1 ms later
        }

        void emit(int step, double iA, double v) throws IOException {
            rows++;
            b.setLength(0);
            b.append(rows).append(',');
            fixed(b, t, 3).append(',').append(step).append(',').append(cycle).append(',');
            fixed(b, iA, 9).append(',');
            fixed(b, noiseV > 0 ? v + noiseV * random.nextGaussian() : v, 6).append(',');
            fixed(b, qc / 1000, 12).append(',');
            fixed(b, qd / 1000, 12).append(',');
            fixed(b, ec / 1000, 12).append(',');
            fixed(b, ed / 1000, 12).append('\n');
            for (int k = 0; k < b.length(); k++) o.write(b.charAt(k));
        }

        /** v with {@code decimals} decimals (round half away from zero), without String.format's cost: millions of rows. */
        static StringBuilder fixed(StringBuilder b, double v, int decimals) {
            long scale = 1;
            for (int k = 0; k < decimals; k++) scale *= 10;
            long x = Math.round(Math.abs(v) * scale);
            if (v < 0 && x != 0) b.append('-');
            b.append(x / scale).append('.');
            String frac = Long.toString(x % scale);
            for (int k = frac.length(); k < decimals; k++) b.append('0');
            return b.append(frac);
        }
    }
}
