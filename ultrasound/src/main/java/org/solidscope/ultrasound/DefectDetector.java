package org.solidscope.ultrasound;

import java.util.ArrayList;
import java.util.List;
import org.solidscope.core.ConnectedComponents;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.Mask;
import org.solidscope.core.Region;
import org.solidscope.core.RobustStats;

/**
 * Segments and classifies anomalies in a gain-corrected C-scan, relative to the body level B (the
 * median level of the transmitting analysed points).
 *
 * <p>Low regions: hysteresis segmentation — points below B − {@code low_grow_db} (default 6 dB, half
 * the body amplitude, so a blurred edge is cut where the true edge lies) form regions, which are kept
 * when they hold a point below B − {@code low_seed_db} and cover at least {@code min_area_mm2}.
 * A region whose deepest decile lies less than {@code deep_db} below B still transmits:
 * {@code bulge} — unless it is compact and no wider than {@code beam_limited_diameter_mm}: the beam
 * then covers it partly, its level says nothing about its depth, and it is taken as gas.
 * A deeper region is compact when its moment-ellipse axis ratio is ≥ {@code compact_axis_ratio} and it
 * fills ≥ {@code compact_fill} of that ellipse; compact regions up to {@code max_bubble_diameter_mm}
 * are {@code bubble} ({@code gas_pocket} at formation); the others are {@code unwetted}.
 *
 * <p>High regions: points above B + {@code high_grow_db} holding a point above B + {@code high_seed_db}
 * and covering at least {@code min_accumulation_area_mm2}: {@code accumulation}.
 *
 * <p>Bubble and gas-pocket areas come from the amplitude deficit ({@link #deficitAreaPx}); other areas
 * are pixel counts.
 *
 * <p>Scan-line dropouts are filled by interpolation before segmentation, so a defect cut by a
 * dropout stays whole; each dropout row inside the cell is reported as one {@code scan_artifact}.
 * At the solidification stage only artefacts are reported: the loss of transmission there is the
 * expected shrinkage, judged by the stage comparison. When fewer than {@code min_body_fraction} of the analysed points transmit (a blank solidified
 * cell), there is no body level and only artefacts are reported.
 */
public final class DefectDetector {
    private DefectDetector() {}

    /** Defects with their label map (labels match {@link Defect#label()}; 0 = none). */
    public record Result(List<Defect> defects, int[] labels, double bodyLevelDb, boolean assessed, String note) {}

    public static Result detect(TransmissionDb t, CellOutline cell, ScanArtifacts.Dropouts dropouts, Stage stage,
                                double transmittingThresholdDb, InspectionSpec.DefectSettings s) {
        GridGeometry g = t.db().geometry();
        int w = g.width(), h = g.height();
        float[] filled = ScanArtifacts.fillRows(t.db().values(), w, h, dropouts.rows());
        Mask region = cell.analysed().or(dropouts.mask().and(
                CellOutline.rectangle(g, cell.centreXMm(), cell.centreYMm(), cell.widthMm(), cell.heightMm(), cell.angleDeg(), cell.edgeMarginMm())));
        boolean[] reg = region.bits();
        List<Defect> out = new ArrayList<>();
        int[] labels = new int[w * h];

        for (int r : dropouts.rows()) {
            int x0 = Integer.MAX_VALUE, x1 = -1;
            for (int x = 0; x < w; x++) if (cell.body().get(x, r)) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); }
            if (x1 < 0) continue;
            double len = (x1 - x0 + 1) * g.pitchMm();
            out.add(new Defect(0, DefectKind.SCAN_ARTIFACT, g.xMm((x0 + x1) / 2.0), g.yMm(r), len * g.pitchMm(), Double.NaN,
                    0, Double.NaN, g.xMm(x0), g.yMm(r), g.xMm(x1), g.yMm(r)));
        }

        if (stage == Stage.SOLIDIFICATION) {
            // shrinkage gaps dim the whole cell, centre first: that is the expected pattern, judged as a degree by the
            // stage comparison, not as anomalies against a body level
            return new Result(out, labels, Double.NaN, false,
                    "solidification stage: transmission loss is the expected shrinkage pattern; judged by the solidification degree (ut compare)");
        }
        boolean[] transmitting = new boolean[w * h];
        int nReg = 0, nTx = 0;
        for (int i = 0; i < reg.length; i++) {
            if (!reg[i]) continue;
            nReg++;
            if (filled[i] >= transmittingThresholdDb) { transmitting[i] = true; nTx++; }
        }
        if (nReg == 0 || nTx < s.minBodyFraction() * nReg) {
            return new Result(out, labels, Double.NaN, false,
                    "body not transmitting (" + nTx + " of " + nReg + " points above threshold): anomalies not assessed");
        }
        double body = RobustStats.median(filled, new Mask(w, h, transmitting));
        double pix = g.pixelAreaMm2();

        boolean[] lowGrow = new boolean[w * h], lowSeed = new boolean[w * h];
        boolean[] highGrow = new boolean[w * h], highSeed = new boolean[w * h];
        for (int i = 0; i < reg.length; i++) {
            if (!reg[i]) continue;
            float v = filled[i];
            if (Float.isNaN(v)) continue;
            lowGrow[i] = v < body - s.lowGrowDb();
            lowSeed[i] = v < body - s.lowSeedDb();
            highGrow[i] = v > body + s.highGrowDb();
            highSeed[i] = v > body + s.highSeedDb();
        }
        int next = 1;
        next = collect(out, labels, next, g, filled, body, lowGrow, lowSeed, s.minAreaMm2() / pix, true, stage, s);
        collect(out, labels, next, g, filled, body, highGrow, highSeed, s.minAccumulationAreaMm2() / pix, false, stage, s);
        return new Result(List.copyOf(out), labels, body, true, "");
    }

    /** Pixels within this distance of an opaque region carry its blurred-out deficit. */
    static final int DEFICIT_RADIUS_PX = 3;

    /**
     * Area of an opaque region from its amplitude deficit: Σ (1 − a/a_B) over the region dilated by
     * {@link #DEFICIT_RADIUS_PX}, a = 10^(L/20). The beam's blur moves deficit across the region's edge
     * but conserves its sum, so this area does not depend on the beam width or on where the threshold
     * cuts the blurred edge (pixel counting errs by ±1 pixel ring, ±25 % at 2 mm diameter).
     */
    static double deficitAreaPx(float[] db, int w, int h, int[] labels, Region r, double bodyDb) {
        int rad = DEFICIT_RADIUS_PX;
        int x0 = Math.max(0, r.minX() - rad), x1 = Math.min(w - 1, r.maxX() + rad);
        int y0 = Math.max(0, r.minY() - rad), y1 = Math.min(h - 1, r.maxY() + rad);
        double sum = 0;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (!near(labels, w, h, x, y, r.label(), rad)) continue;
                float v = db[y * w + x];
                if (Float.isNaN(v)) continue;
                sum += 1 - Math.pow(10, (v - bodyDb) / 20);
            }
        }
        return Math.max(sum, 0);
    }

    private static boolean near(int[] labels, int w, int h, int x, int y, int label, int rad) {
        for (int dy = -rad; dy <= rad; dy++) {
            int yy = y + dy;
            if (yy < 0 || yy >= h) continue;
            for (int dx = -rad; dx <= rad; dx++) {
                int xx = x + dx;
                if (xx < 0 || xx >= w || dx * dx + dy * dy > rad * rad) continue;
                if (labels[yy * w + xx] == label) return true;
            }
        }
        return false;
    }

    private static int collect(List<Defect> out, int[] labels, int next, GridGeometry g, float[] db, double body,
                               boolean[] grow, boolean[] seed, double minAreaPx, boolean low, Stage stage,
                               InspectionSpec.DefectSettings s) {
        int w = g.width(), h = g.height();
        ConnectedComponents.Labeling lab = ConnectedComponents.label(new Mask(w, h, grow), true);
        int[] l = lab.labels();
        boolean[] hasSeed = new boolean[lab.regions().size() + 1];
        for (int i = 0; i < l.length; i++) if (l[i] > 0 && seed[i]) hasSeed[l[i]] = true;
        int[] newLabel = new int[lab.regions().size() + 1];
        List<Region> kept = new ArrayList<>();
        for (Region r : lab.regions()) {
            if (!hasSeed[r.label()] || r.areaPx() < minAreaPx) continue;
            newLabel[r.label()] = next++;
            kept.add(r);
        }
        // per-region median level
        List<float[]> values = new ArrayList<>();
        int[] fill = new int[kept.size()];
        for (Region r : kept) values.add(new float[r.areaPx()]);
        int[] indexOf = new int[lab.regions().size() + 1];
        java.util.Arrays.fill(indexOf, -1);
        for (int k = 0; k < kept.size(); k++) indexOf[kept.get(k).label()] = k;
        for (int i = 0; i < l.length; i++) {
            if (l[i] == 0) continue;
            int k = indexOf[l[i]];
            if (k < 0) continue;
            values.get(k)[fill[k]++] = db[i];
            labels[i] = newLabel[l[i]];
        }
        double p = g.pitchMm();
        for (int k = 0; k < kept.size(); k++) {
            Region r = kept.get(k);
            float[] v = values.get(k);
            java.util.Arrays.sort(v);
            double contrast = RobustStats.percentileSorted(v, 50) - body;
            double deepest = RobustStats.percentileSorted(v, 10) - body;
            DefectKind kind;
            double diameter = r.equivalentDiameterPx() * p;
            double ellipseArea = Math.PI / 4 * Math.max(r.majorAxisPx() * r.minorAxisPx(), 1e-9);
            boolean compact = r.axisRatio() >= s.compactAxisRatio() && r.areaPx() / ellipseArea >= s.compactFill();
            // a region not much wider than the beam is partly filled by it: its level cannot tell gas from a partial loss
            boolean beamLimited = compact && diameter <= s.beamLimitedDiameterMm();
            if (!low) {
                kind = DefectKind.ACCUMULATION;
            } else if (-deepest < s.deepDb() && !beamLimited) {
                kind = DefectKind.BULGE;
            } else {
                if (compact && diameter <= s.maxBubbleDiameterMm()) {
                    kind = stage == Stage.FORMATION ? DefectKind.GAS_POCKET : DefectKind.BUBBLE;
                } else {
                    kind = DefectKind.UNWETTED;
                }
            }
            double areaMm2 = r.areaPx() * p * p;
            if (kind == DefectKind.BUBBLE || kind == DefectKind.GAS_POCKET) {
                areaMm2 = deficitAreaPx(db, w, h, l, r, body) * p * p;
                diameter = Math.sqrt(4 * areaMm2 / Math.PI);
            }
            out.add(new Defect(newLabel[r.label()], kind, g.xMm(r.centroidX()), g.yMm(r.centroidY()), areaMm2, diameter,
                    r.circularity(), contrast, g.xMm(r.minX()), g.yMm(r.minY()), g.xMm(r.maxX()), g.yMm(r.maxY())));
        }
        return next;
    }
}
