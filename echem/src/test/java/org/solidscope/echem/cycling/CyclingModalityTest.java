package org.solidscope.echem.cycling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;
import org.solidscope.core.record.AnalysisRecord;
import org.solidscope.core.record.Metric;
import org.solidscope.core.record.Modality;
import org.solidscope.core.record.Source;
import org.solidscope.echem.BioLogicMpr;
import org.solidscope.echem.SpectrumCsv;
import org.solidscope.echem.SpectrumSimulator;

/** Cycler runs in the record: what is recognised, what kind of run it is, and the numbers the record keeps. */
class CyclingModalityTest {
    @TempDir
    Path dir;

    final CyclingModality modality = new CyclingModality(CyclingModality.Settings.defaults());

    private static double metric(AnalysisRecord r, String name) {
        return r.metrics().stream().filter(m -> m.name().equals(name)).mapToDouble(Metric::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + r.metrics()));
    }

    private Modality.Analysed analyse(Path f, String sidecar) {
        Source s = Source.of(f, sidecar);
        assertTrue(modality.recognises(s), f + " recognised");
        return modality.analyse(s, modality.identify(s, Map.of()));
    }

    @Test
    void aRateTestIsStoredWithItsCyclesAndCurve() {
        Path f = dir.resolve("cell-1_cycle_12.csv");
        CyclingSimulator.write(CyclingSimulator.seed004Rate(), f);
        Source s = Source.of(f, "{\"active_mass_mg\": " + CyclingSimulator.SEED_MASS_MG + "}");
        assertEquals("cell-1", modality.identify(s, Map.of()).cellId());
        assertEquals("cycle_12", modality.identify(s, Map.of()).state().name());
        Modality.Analysed a = modality.analyse(s, modality.identify(s, Map.of()));
        assertEquals("cycling", a.settings().get("run"));
        AnalysisRecord r = a.analysis();
        assertEquals(12, metric(r, "cycling.cycles"));
        assertEquals(170.3, metric(r, "cycling.discharge_capacity_first_mah_g"), 0.005 * 170.3);
        assertEquals(134.2, metric(r, "cycling.discharge_capacity_last_mah_g"), 0.005 * 134.2);
        assertEquals(10, metric(r, "cycling.ohmic_drop_first_mv"), 2);
        assertEquals(0.999, metric(r, "cycling.coulombic_efficiency_mean"), 1e-5);
        assertEquals(java.util.List.of(7, 12), java.util.Arrays.stream(r.arrays().get(0).shape()).boxed().toList());
        int[] curve = r.arrays().get(1).shape();
        assertEquals(4, curve[0]);
        assertTrue(curve[1] > 5000 && curve[1] <= 20_000, "12,318 rows thinned to at most 20,000: " + curve[1]);
    }

    @Test
    void longRunsAreThinnedEvenlyToTheCap() {
        Path f = dir.resolve("cell-2_cycle_200.csv");
        CyclingSimulator.write(CyclingSimulator.seed004Life(), f);
        AnalysisRecord r = new CyclingModality(new CyclingModality.Settings(1e-9, 0.3, 1, 1000)).analyse(Source.of(f, null),
                modality.identify(Source.of(f, null), Map.of())).analysis();
        assertEquals(200, metric(r, "cycling.cycles"));
        assertEquals(90, metric(r, "cycling.retention_pct"), 0.5);
        int n = r.arrays().get(1).shape()[1];
        assertTrue(n > 500 && n <= 1000, "thinned to the cap: " + n);
    }

    @Test
    void ccdAndVoltammogramAreToldFromTheDataAlone() throws IOException {
        Path ccd = Files.writeString(dir.resolve("sym-1_cycle_1.csv"), LimitSimulator.ccd(1.0, 0.05, 0.05, 0.35, 50, 1800, 10, 0.4, 3).csv());
        Modality.Analysed a = analyse(ccd, null);
        assertEquals("ccd", a.settings().get("run"));
        assertEquals(0.35, metric(a.analysis(), "cycling.ccd_ma_cm2"), 1e-9);
        assertTrue(a.analysis().notes().stream().anyMatch(n -> n.contains("1 cm²")), "the assumed area is said");
        Path cv = Files.writeString(dir.resolve("sym-1_pristine.csv"), LimitSimulator.voltammogram(2.0, 0, 5, 0.1, 4.25, 1.0, 3));
        a = analyse(cv, "{\"area_cm2\": 2}");
        assertEquals("cv", a.settings().get("run"));
        assertEquals(4.25, metric(a.analysis(), "cycling.window_onset_v"), 0.01);
        // the sidecar's word wins, and a wrong one is named
        assertThrows(InputException.class, () -> analyse(cv, "{\"run\": \"eis\"}"));
        assertThrows(InputException.class, () -> analyse(cv, "{\"area_cm2\": -1}"));
    }

    @Test
    void impedanceFilesAreNotCyclerRuns() throws IOException {
        var sp = SpectrumSimulator.simulate(org.solidscope.echem.Circuit.parse("R0-p(R1,C1)"), new double[] {10, 50, 1e-5},
                SpectrumSimulator.logFrequencies(1, 1e5, 5), 0, 1);
        Path csv = dir.resolve("c_pristine.csv");
        SpectrumCsv.write(csv, sp);
        assertFalse(modality.recognises(Source.of(csv, null)));
        Path mpr = Files.write(dir.resolve("c_pristine.mpr"), BioLogicMpr.write(sp, "11/29/26"));
        assertFalse(modality.recognises(Source.of(mpr, null)), "a PEIS .mpr (frequency and impedance columns only)");
        // an EC-Lab PEIS export names time, Ewe and I as a cycler file does, and a frequency: it stays impedance's
        String peis = "EC-Lab ASCII FILE\nNb header lines : 3\n\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\ttime/s\tEwe/V\tI/mA\n"
                + "100000\t10.1\t0.5\t1.0\t3.5\t0.0\n10000\t10.9\t4.2\t2.0\t3.5\t0.0\n";
        Path mpt = Files.writeString(dir.resolve("c_charged_50.mpt"), peis);
        assertFalse(modality.recognises(Source.of(mpt, null)), "a PEIS .mpt");
        assertTrue(modality.recognises(Source.of(Files.writeString(dir.resolve("c_cycle_1.mpt"), peis.replace("freq/Hz", "step")), null)),
                "the same columns without a frequency are a cycler run");
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        assertFalse(modality.recognises(Source.of(text, null)));
    }
}
