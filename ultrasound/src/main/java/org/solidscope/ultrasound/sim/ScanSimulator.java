package org.solidscope.ultrasound.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.CscanGrid;
import org.solidscope.ultrasound.Stage;

/**
 * Deterministic C-scan simulator: scenario + stage + placement → physical state →
 * {@link TransmissionModel} → {@link UltrasonicInstrument} → C-scan with ground truth.
 * The same arguments and seed give the same scan, bit for bit.
 */
public final class ScanSimulator {
    /** Free margin around the cell in the scan, mm. */
    public static final double MARGIN_MM = 12;
    /** Tab length beyond the cell body, width (at most 0.2 H), and positions across the cell (± fraction of H/2). */
    public static final double TAB_LENGTH_MM = 15, TAB_WIDTH_MM = 20, TAB_OFFSET_FRACTION = 0.5;
    /** Transmission through a tab (thin metal strip in fluid). */
    public static final double TAB_TRANSMISSION = 0.4;
    /** Edge margin used for the ground-truth degree and recovery means (as the default specification). */
    public static final double TRUTH_EDGE_MARGIN_MM = 3;

    private final TransmissionModel model;

    public ScanSimulator(TransmissionModel model) {
        this.model = model;
    }

    /** The simulator on the multilayer acoustic model of the shipped pouch stack. */
    public static ScanSimulator standard() {
        return new ScanSimulator(LayerModelTransmission.standard());
    }

    public TransmissionModel model() { return model; }

    /** The scan grid for a design at a pitch: the cell with tabs and {@link #MARGIN_MM} all round. */
    public static GridGeometry gridFor(CellDesign d, double pitchMm) {
        int w = (int) Math.ceil((d.widthMm() + TAB_LENGTH_MM + 2 * MARGIN_MM) / pitchMm);
        int h = (int) Math.ceil((d.heightMm() + 2 * MARGIN_MM) / pitchMm);
        return new GridGeometry(w, h, pitchMm);
    }

    /** Nominal centre of the cell body in scan mm (before placement). */
    public static double[] nominalCentre(CellDesign d) {
        return new double[] {MARGIN_MM + TAB_LENGTH_MM + d.widthMm() / 2, MARGIN_MM + d.heightMm() / 2};
    }

    /** Sub-samples per scan step along each axis: the physical state is resolved this much finer than the scan. */
    public static final int SUPERSAMPLE = 4;

    public SimulatedScan simulate(CellScenario sc, Stage stage, Placement pl, InstrumentSettings inst, long noiseSeed) {
        CellDesign d = sc.design();
        GridGeometry g = gridFor(d, inst.pitchMm());
        int f = SUPERSAMPLE;
        double fp = g.pitchMm() / f;
        GridGeometry fine = new GridGeometry(g.width() * f, g.height() * f, fp, g.originXMm() - (f - 1) * fp / 2, g.originYMm() - (f - 1) * fp / 2);
        double[] c0 = nominalCentre(d);
        double cx = c0[0] + pl.dxMm(), cy = c0[1] + pl.dyMm();
        double a = Math.toRadians(pl.angleDeg()), cos = Math.cos(a), sin = Math.sin(a);
        int n = fine.size();
        float[] cov = new float[n], tab = new float[n], matrix = new float[n], gap = new float[n];
        double hw = d.widthMm() / 2, hh = d.heightMm() / 2, p = g.pitchMm();
        for (int y = 0; y < fine.height(); y++) {
            double ym = fine.yMm(y) - cy;
            for (int x = 0; x < fine.width(); x++) {
                int i = y * fine.width() + x;
                double xm = fine.xMm(x) - cx;
                double u = xm * cos + ym * sin, v = -xm * sin + ym * cos;
                if (Math.abs(u) <= hw && Math.abs(v) <= hh) {
                    cov[i] = 1;
                    matrix[i] = (float) sc.matrixAt(u, v, stage);
                    gap[i] = (float) sc.gapAt(u, v, stage);
                } else if (isTab(u, v, d)) {
                    tab[i] = 1;
                }
            }
        }
        PhysicalState state = new PhysicalState(fine, cov, tab, matrix, gap, inst.brightSurround() ? 1 : 0, TAB_TRANSMISSION);
        // the beam integrates the transmitted field over each scan step before its focal blur
        float[] t = boxAverage(model.amplitudeTransmission(state), fine.width(), g.width(), g.height(), f);
        float[] clean = UltrasonicInstrument.cleanSignal(t, g, inst);
        float[] shown = UltrasonicInstrument.display(t, g, inst, noiseSeed);
        CscanGrid scan = new CscanGrid(new ScalarMap(g, CscanGrid.PERCENT_FSH, shown), inst.gainDb(), CscanGrid.PERCENT_FSH, 100,
                Path.of(d.id() + "_" + stage.id() + ".sim"));

        List<GroundTruth.TruthDefect> defects = new ArrayList<>();
        for (Feature feature : sc.features()) {
            if (!feature.stages().contains(stage)) continue;
            double[] uv = feature.centroid(d);
            double xm = cx + uv[0] * cos - uv[1] * sin, ym = cy + uv[0] * sin + uv[1] * cos;
            double area = feature.areaMm2(d);
            defects.add(new GroundTruth.TruthDefect(feature.kind(), xm, ym, area, Math.sqrt(4 * area / Math.PI)));
        }
        double degree = Double.NaN, recovery = Double.NaN;
        if (stage != Stage.INFILTRATION) {
            double r = ratioMean(sc, stage, model, p);
            if (stage == Stage.SOLIDIFICATION) degree = 1 - r;
            else recovery = r;
        }
        GroundTruth truth = new GroundTruth(d.id(), stage.id(), inst.gainDb(), d.widthMm(), d.heightMm(), cx, cy, pl.angleDeg(),
                defects, inst.dropoutRows(), degree, recovery, model.describe(), noiseSeed);
        byte[] kinds = new byte[g.size()];
        for (int y = 0; y < g.height(); y++) {
            double ym = g.yMm(y) - cy;
            for (int x = 0; x < g.width(); x++) {
                double xm = g.xMm(x) - cx;
                double u = xm * cos + ym * sin, v = -xm * sin + ym * cos;
                if (Math.abs(u) > hw || Math.abs(v) > hh) continue;
                for (Feature feature : sc.features()) {
                    if (feature.stages().contains(stage) && feature.contains(u, v)) {
                        kinds[y * g.width() + x] = (byte) (1 + SimulatedScan.KINDS.indexOf(feature.kind()));
                        break;
                    }
                }
            }
        }
        return new SimulatedScan(scan, state, t, clean, inst, truth, kinds);
    }

    static float[] boxAverage(float[] fine, int fineWidth, int w, int h, int f) {
        float[] out = new float[w * h];
        float norm = 1f / (f * f);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float s = 0;
                for (int j = 0; j < f; j++) {
                    int row = (y * f + j) * fineWidth + x * f;
                    for (int k = 0; k < f; k++) s += fine[row + k];
                }
                out[y * w + x] = s * norm;
            }
        }
        return out;
    }

    private static boolean isTab(double u, double v, CellDesign d) {
        if (u >= -d.widthMm() / 2 || u < -d.widthMm() / 2 - TAB_LENGTH_MM) return false;
        double off = TAB_OFFSET_FRACTION * d.heightMm() / 2;
        double half = Math.min(TAB_WIDTH_MM, 0.2 * d.heightMm()) / 2; // small cells have narrower tabs
        return Math.abs(v - off) <= half || Math.abs(v + off) <= half;
    }

    /** Mean of t_stage/t_infiltrated over cell points where the infiltrated cell transmits. */
    static double ratioMean(CellScenario sc, Stage stage, TransmissionModel m, double pitchMm) {
        CellDesign d = sc.design();
        double hw = d.widthMm() / 2 - TRUTH_EDGE_MARGIN_MM, hh = d.heightMm() / 2 - TRUTH_EDGE_MARGIN_MM;
        double sum = 0;
        long n = 0;
        for (double v = -hh; v <= hh; v += pitchMm) {
            for (double u = -hw; u <= hw; u += pitchMm) {
                double mi = sc.matrixAt(u, v, Stage.INFILTRATION);
                double ti = m.cellAmplitude(mi, sc.gapAt(u, v, Stage.INFILTRATION));
                if (ti < 0.5 * sc.matrixInfiltrated()) continue;
                double ts = m.cellAmplitude(sc.matrixAt(u, v, stage), sc.gapAt(u, v, stage));
                sum += ts / ti;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
