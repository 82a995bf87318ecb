package org.solidscope.echem.cycling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps found from the current equal the file's own step index; the rate table gives seed 004's figures; dV/dQ; peaks tracked across cycles. */
class StepsAndRatesTest {
    @TempDir
    Path dir;

    @Test
    void stepsFromTheCurrentEqualTheFilesStepIndex() throws IOException {
        Path f = dir.resolve("rate.csv");
        CyclingSimulator.write(CyclingSimulator.seed004Rate(), f);
        // the rows where the file's Step_Index changes (row 1 starts the first step)
        List<Long> fileStarts = new ArrayList<>();
        List<String> lines = Files.readAllLines(f);
        String prev = null;
        for (int k = 1; k < lines.size(); k++) {
            String step = lines.get(k).split(",")[2];
            if (!step.equals(prev)) fileStarts.add((long) k);
            prev = step;
        }
        List<CycleSummary.Step> steps = CyclerFiles.summarise(f, null, 1e-9).result().steps();
        assertEquals(fileStarts, steps.stream().map(CycleSummary.Step::firstRow).toList());
        assertEquals(48, steps.size(), "12 cycles of rest, charge, rest, discharge");
        assertEquals(CycleSummary.Kind.CHARGE, steps.get(1).kind());
        assertEquals(CycleSummary.Kind.DISCHARGE, steps.get(3).kind());
        List<CycleSummary.Cycle> cycles = CyclerFiles.summarise(f, null, 1e-9).result().cycles();
        assertEquals(cycles.get(0).chargeCapacityMah(), steps.get(1).capacityMah(), 1e-6 * steps.get(1).capacityMah(), "a step's capacity is its cycle's");
    }

    @Test
    void rateTableGivesSeed004sCapacitiesAndDrops() {
        Path f = dir.resolve("rate.csv");
        CyclingSimulator.write(CyclingSimulator.seed004Rate(), f);
        RateTable.Result t = RateTable.of(CyclerFiles.summarise(f, null, 1e-9).result(), CyclingSimulator.SEED_1C_MA, CyclingSimulator.SEED_MASS_MG);
        assertEquals(4, t.rates().size());
        double[] c = {0.07, 0.2, 0.5, 1}, drop = {10, 30, 70, 140};
        for (int k = 0; k < 4; k++) {
            RateTable.Rate r = t.rates().get(k);
            assertEquals(c[k], r.cRate(), 1e-6);
            assertEquals(3, r.cycles());
            assertEquals(CyclingSimulator.seedCapacity(c[k]), r.dischargeCapacityMahG(), 0.005 * r.dischargeCapacityMahG());
            assertEquals(drop[k], r.ohmicDropMv(), 2);
        }
        assertEquals(170.3, t.rates().get(0).dischargeCapacityMahG(), 0.005 * 170.3);
        assertEquals(134.2 / 170.3, t.rates().get(3).relativeToLowest(), 0.005);
        // without the 1 C current, the lowest rate's capacity per hour is 1 C
        RateTable.Result own = RateTable.of(CyclerFiles.summarise(f, null, 1e-9).result(), Double.NaN, Double.NaN);
        assertEquals(1.0 / 3.29 * 0.3, own.rates().get(0).cRate(), 0.01);
    }

    @Test
    void dvdqIntegratesToTheVoltageSwing() {
        Path f = dir.resolve("rate.csv");
        CyclingSimulator.write(CyclingSimulator.seed004Rate(), f);
        CyclerFiles.Run run = CyclerFiles.readAll(f, null);
        // each segment's first and last row under current: the monotonic voltage's swing between them is what dV/dQ integrates to
        List<double[]> ends = new ArrayList<>();
        double[] i = run.currentA(), v = run.voltageV();
        for (int k = 0; k < i.length; ) {
            if (i[k] == 0) { k++; continue; }
            int a = k;
            double lo = v[a], hi = v[a];
            while (k < i.length && i[k] != 0 && i[k] > 0 == i[a] > 0) { lo = Math.min(lo, v[k]); hi = Math.max(hi, v[k]); k++; }
            ends.add(new double[] {i[a] > 0 ? hi - v[a] : v[a] - lo});
        }
        List<DifferentialCapacity.Segment> segs = DifferentialCapacity.of(run, 0.005, 1e-9);
        assertEquals(ends.size(), segs.size());
        for (DifferentialCapacity.Segment s : segs) {
            double swing = 0, step = s.capacityMah() / DifferentialCapacity.Q_BINS;
            for (double d : s.dvdqVoltPerMah()) swing += d * step;
            assertEquals(ends.get(s.index() - 1)[0], swing, 1e-9, "∫ dV/dQ dQ = ΔV, segment " + s.index());
        }
    }

    @Test
    void peaksAreTrackedAcrossCyclesAsTheyShift() {
        // cycles whose plateau voltage (a flat stretch of the curve) moves up 5 mV per cycle on charge: one track, shifted 45 mV over 10 cycles
        int cycles = 10, per = 400;
        double[] t = new double[cycles * 2 * per], v = new double[t.length], i = new double[t.length];
        int r = 0;
        double now = 0;
        for (int c = 0; c < cycles; c++) {
            for (int half = 0; half < 2; half++) {
                for (int k = 0; k < per; k++) {
                    double x = half == 0 ? k / (per - 1.0) : 1 - k / (per - 1.0);
                    double plateau = 3.7 + 0.005 * c * (half == 0 ? 1 : -1);
                    t[r] = now;
                    v[r] = plateau + 0.6 * (x - 0.5) * (x - 0.5) * (x - 0.5) * 4 + 0.05 * (x - 0.5);
                    i[r] = half == 0 ? 1e-3 : -1e-3;
                    now += 9;
                    r++;
                }
            }
        }
        List<DifferentialCapacity.Segment> segs = DifferentialCapacity.of(new CyclerFiles.Run("test", t, v, i), 0.002, 1e-9);
        assertEquals(2 * cycles, segs.size());
        List<DifferentialCapacity.Track> tracks = DifferentialCapacity.track(segs, 0.02);
        DifferentialCapacity.Track up = tracks.stream().filter(DifferentialCapacity.Track::charging).findFirst().orElseThrow();
        assertEquals(cycles, up.segments().length, "the charge peak found in every cycle and kept on one track");
        assertEquals(0.045, up.shiftV(), 0.003);
        DifferentialCapacity.Track down = tracks.stream().filter(x -> !x.charging()).findFirst().orElseThrow();
        assertEquals(-0.045, down.shiftV(), 0.003);
        assertArrayEquals(new int[] {1, 3, 5, 7, 9, 11, 13, 15, 17, 19}, up.segments());
    }
}
