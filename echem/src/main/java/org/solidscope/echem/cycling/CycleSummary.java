package org.solidscope.echem.cycling;

import java.util.ArrayList;
import java.util.List;
import org.solidscope.core.InputException;

/**
 * Per-cycle quantities of a cycler run, accumulated row by row so that a file of any length is summarised in
 * constant memory. Capacities and energies are integrated by the trapezoid rule, Q = ∫|I|dt and E = ∫|V·I|dt,
 * separately while charging (mean current of the interval &gt; 0) and discharging (&lt; 0); |I| up to
 * {@code restCurrentA} is rest. Cycles come from the file's cycle index when it has one, else a new
 * cycle begins with the first charge after a discharge. The ohmic drop of a step is the voltage jump from the
 * last rest row to its first row under current, |ΔV|, with ΔV/ΔI its resistance.
 *
 * <p>Steps are recognised from the current alone (the file's step index is not needed): a new step begins at the
 * first row whose current changes class (rest, charge, discharge), or, within one class, jumps by more than
 * {@link #STEP_JUMP} of the larger |I| from one row to the next (a change of constant current; the smooth decay of a
 * constant-voltage step moves less than that per row at the sampling cyclers use).
 *
 * <p>The instrument's own capacity counters are summed per cycle by their increments from row to row: a counter that
 * falls has been reset (per step, as Maccor and Neware count, or per cycle, as Arbin does) and counts from zero again, so
 * counters that reset per step, per cycle or never give the same per-cycle capacity. The first value a counter shows is
 * its base (a file that begins mid-run counts from there). Where a cycle's integrated capacity and the instrument's differ
 * by more than {@link #WARN_DIFFERENCE}, the result carries a warning.
 */
public final class CycleSummary {
    /** One cycle: capacities in mAh, energies in mWh, voltages in V; the instrument's capacities (NaN when the file has none). */
    public record Cycle(int cycle, double chargeCapacityMah, double dischargeCapacityMah, double chargeEnergyMwh, double dischargeEnergyMwh,
                        double coulombicEfficiency, double energyEfficiency, double averageChargeVoltageV, double averageDischargeVoltageV,
                        double chargeCurrentA, double dischargeCurrentA, double durationS, double instrumentChargeCapacityMah,
                        double instrumentDischargeCapacityMah) {}

    /** A step: its number (from 1), cycle, kind, first row (from 1), start time, duration, mean current and capacity passed (mAh). */
    public record Step(int step, int cycle, Kind kind, long firstRow, double startTimeS, double durationS, double meanCurrentA, double capacityMah) {}

    public enum Kind { REST, CHARGE, DISCHARGE }

    /** The relative difference between integrated and instrument capacity of a cycle above which the result warns. */
    public static final double WARN_DIFFERENCE = 0.01;

    /** What a run is, from its steps: no current at all, mostly constant current, mostly constant voltage, or otherwise. */
    public enum RunKind { OPEN_CIRCUIT, GALVANOSTATIC, POTENTIOSTATIC, SWEPT_OR_MIXED }

    /** The relative current jump that starts a new step within one kind. */
    public static final double STEP_JUMP = 0.05;

    /** A current step entered from rest: its current, the voltage jump and ΔV/ΔI. */
    public record OhmicDrop(int cycle, double timeS, double currentA, double dropMv, double resistanceOhm) {}

    private final String src;
    private final double restCurrentA;
    private final List<Cycle> cycles = new ArrayList<>();
    private final List<OhmicDrop> drops = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    // the open step
    private int stepCycle, stepSign;
    private long stepRow;
    private double stepT0, stepQ, stepFirstI;
    // charge passed at constant current (within 5 % of the step's first current), at constant voltage (≤ 1 mV from the row
    // before) and otherwise: a CC-CV step is one step of the current's class, its charge mostly constant-current
    private double ccQ, cvQ, otherQ;
    private double lastQc = Double.NaN, lastQd = Double.NaN;
    private long rows;
    private boolean first = true;
    private double pt, pv, pi;
    private int cycle = Integer.MIN_VALUE, lastSign;
    private boolean seenDischarge;
    private int lastSignificant; // the sign of the last row's current counting only currents above 1 % of the largest so far
    private double largestCurrentA;
    // the open cycle's sums
    private double qc, qd, ec, ed, ic, id, tc, td, t0, instQc = Double.NaN, instQd = Double.NaN;

    public CycleSummary(String src, double restCurrentA) {
        this.src = src;
        this.restCurrentA = restCurrentA;
    }

    /**
     * One row. {@code cycleIndex} is NaN when the file has no cycle column; instrument capacities NaN when absent.
     * {@code where} names the row for a message (a line or record number).
     */
    public void row(double t, double v, double i, double cycleIndex, double instCharge, double instDischarge, long where) {
        if (Double.isNaN(t) || Double.isNaN(v) || Double.isNaN(i)) {
            throw new InputException(src, "row " + where, "numbers for time, voltage and current", "a missing or non-numeric value");
        }
        int sign = Math.abs(i) <= restCurrentA ? 0 : i > 0 ? 1 : -1;
        // cycles inferred from the current count only currents above 1 % of the largest so far: the noise of a rest or of
        // the rows of an impedance measurement flips sign without starting a cycle
        largestCurrentA = Math.max(largestCurrentA, Math.abs(i));
        int significant = Math.abs(i) <= Math.max(restCurrentA, 0.01 * largestCurrentA) ? 0 : sign;
        int c;
        if (!Double.isNaN(cycleIndex)) {
            c = (int) cycleIndex;
        } else {
            c = cycle == Integer.MIN_VALUE ? 1 : cycle;
            if (significant > 0 && seenDischarge && lastSignificant <= 0) { c++; seenDischarge = false; }
        }
        if (significant < 0) seenDischarge = true;
        lastSignificant = significant;
        if (first) {
            first = false;
            cycle = c;
            t0 = t;
            openStep(c, sign, t, i);
        } else {
            if (t < pt) {
                throw new InputException(src, "row " + where + " time", "time that does not go backwards (≥ " + pt + " s)", t + " s"
                        + (t < 0.01 * pt ? " (the clock starts again: a step's clock? name the test's clock with --columns time=…)" : ""));
            }
            if (c != cycle) {
                close(pt);
                cycle = c;
                t0 = pt;
            }
            boolean jump = sign != 0 && sign == lastSign && Math.abs(i - pi) > STEP_JUMP * Math.max(Math.abs(i), Math.abs(pi));
            if (sign != lastSign || jump) {
                closeStep(pt);
                openStep(c, sign, t, i);
            }
            double dt = t - pt, im = 0.5 * (i + pi), pm = 0.5 * (v * i + pv * pi);
            if (sign != 0 && sign == lastSign) {
                double dq = Math.abs(im * dt);
                if (Math.abs(Math.abs(i) - Math.abs(stepFirstI)) <= 0.05 * Math.abs(stepFirstI)) ccQ += dq;
                else if (Math.abs(v - pv) <= 1e-3) cvQ += dq;
                else otherQ += dq;
            }
            stepQ += im * dt;
            if (im > 0) { qc += im * dt; ec += pm * dt; tc += dt; ic += im * dt; }
            else if (im < 0) { qd -= im * dt; ed -= pm * dt; td += dt; id -= im * dt; }
            if (sign != 0 && lastSign == 0 && rows > 0) {
                double dv = Math.abs(v - pv) * 1000;
                drops.add(new OhmicDrop(c, t, i, dv, dv / 1000 / Math.abs(i - pi)));
            }
        }
        if (!Double.isNaN(instCharge)) {
            instQc = (Double.isNaN(instQc) ? 0 : instQc) + increment(lastQc, instCharge);
            lastQc = instCharge;
        }
        if (!Double.isNaN(instDischarge)) {
            instQd = (Double.isNaN(instQd) ? 0 : instQd) + increment(lastQd, instDischarge);
            lastQd = instDischarge;
        }

        pt = t;
        pv = v;
        pi = i;
        lastSign = sign;
        rows++;
    }

    /** What a counter added since its last value: a fall is a reset, after which it counts from zero. */
    private static double increment(double last, double q) {
        if (Double.isNaN(last)) return 0;
        return q >= last ? q - last : q;
    }

    private void openStep(int c, int sign, double t, double i) {
        stepFirstI = i;
        stepCycle = c;
        stepSign = sign;
        stepRow = rows + 1;
        stepT0 = t;
        stepQ = 0;
    }

    private void closeStep(double tEnd) {
        double d = tEnd - stepT0;
        steps.add(new Step(steps.size() + 1, stepCycle, stepSign == 0 ? Kind.REST : stepSign > 0 ? Kind.CHARGE : Kind.DISCHARGE, stepRow, stepT0, d,
                d > 0 ? stepQ / d : 0, Math.abs(stepQ) / 3.6));
    }

    private void close(double tEnd) {
        double qcm = qc / 3.6, qdm = qd / 3.6, ecm = ec / 3.6, edm = ed / 3.6; // A·s → mAh, W·s → mWh
        cycles.add(new Cycle(cycle, qcm, qdm, ecm, edm, qcm > 0 ? qdm / qcm : Double.NaN, ecm > 0 ? edm / ecm : Double.NaN,
                qc > 0 ? ec / qc : Double.NaN, qd > 0 ? ed / qd : Double.NaN, tc > 0 ? ic / tc : Double.NaN, td > 0 ? id / td : Double.NaN,
                tEnd - t0, instQc, instQd));
        qc = qd = ec = ed = ic = id = tc = td = 0;
        instQc = instQd = Double.NaN;
    }

    /** The cycles, the last one closed at the last row. */
    public Result finish() {
        if (rows == 0) throw new InputException(src, "rows", "at least one row of data", "none");
        if (qc != 0 || qd != 0 || !Double.isNaN(instQc) && instQc > 0 || !Double.isNaN(instQd) && instQd > 0) close(pt);
        closeStep(pt);
        double on = ccQ + cvQ + otherQ;
        RunKind kind = on == 0 ? RunKind.OPEN_CIRCUIT : ccQ >= 0.5 * on ? RunKind.GALVANOSTATIC : cvQ >= 0.5 * on ? RunKind.POTENTIOSTATIC
                : RunKind.SWEPT_OR_MIXED;
        if (on == 0) cycles.clear(); // no current ever flowed: no cycles
        return new Result(List.copyOf(cycles), List.copyOf(drops), List.copyOf(steps), rows, kind, warnings(cycles));
    }

    /** Cycles whose integrated capacity differs from the instrument's by more than {@link #WARN_DIFFERENCE}: one line for the first five, a count after. */
    private static List<String> warnings(List<Cycle> cycles) {
        List<String> out = new ArrayList<>();
        int n = 0;
        double largest = 0; // capacities below 10⁻³ of the run's largest are noise (a rest, a cycle cut short), not compared
        for (Cycle c : cycles) largest = Math.max(largest, Math.max(c.chargeCapacityMah(), c.dischargeCapacityMah()));
        for (Cycle c : cycles) {
            String d = differs("charge", c.chargeCapacityMah(), c.instrumentChargeCapacityMah(), 1e-3 * largest);
            String e = differs("discharge", c.dischargeCapacityMah(), c.instrumentDischargeCapacityMah(), 1e-3 * largest);
            for (String w : new String[] {d, e}) {
                if (w == null) continue;
                if (n++ < 5) out.add("cycle " + c.cycle() + ": " + w);
            }
        }
        if (n > 5) out.add((n - 5) + " more cycle capacities differ from the instrument's by more than " + Math.round(100 * WARN_DIFFERENCE) + " %");
        return out;
    }

    private static String differs(String what, double integrated, double instrument, double floorMah) {
        if (Double.isNaN(instrument)) return null;
        double big = Math.max(Math.abs(integrated), Math.abs(instrument));
        if (big <= floorMah || Math.abs(integrated - instrument) <= WARN_DIFFERENCE * big) return null;
        return String.format(java.util.Locale.ROOT, "integrated %s capacity %.6g mAh differs from the instrument's %.6g mAh by %.1f %%", what, integrated,
                instrument, 100 * Math.abs(integrated - instrument) / big);
    }

    /**
     * The run summarised: cycles (none when no current flowed), ohmic drops, steps, rows, what the run is, and warnings
     * (integrated and instrument capacities that differ).
     */
    public record Result(List<Cycle> cycles, List<OhmicDrop> ohmicDrops, List<Step> steps, long rows, RunKind kind, List<String> warnings) {
        public Result {
            cycles = List.copyOf(cycles);
            warnings = List.copyOf(warnings);
        }

        /** Discharge capacity of cycle n over that of the first cycle of the same current (retention). */
        public double retention(int n) {
            Cycle c = cycles.stream().filter(x -> x.cycle() == n).findFirst().orElseThrow();
            Cycle ref = cycles.stream().filter(x -> Math.abs(x.dischargeCurrentA() - c.dischargeCurrentA()) <= 0.02 * c.dischargeCurrentA()).findFirst().orElseThrow();
            return c.dischargeCapacityMah() / ref.dischargeCapacityMah();
        }
    }
}
