package org.solidscope.ultrasound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.Mask;
import org.solidscope.core.RobustStats;

/**
 * Metrics of one stage scan over the analysed points P of the cell (body less edge margin,
 * saturated points and scan-line dropouts). L is the level in dB re {@link TransmissionDb#REFERENCE},
 * a = 10^(L/20) the linear amplitude, L_t the effective transmitting threshold.
 *
 * @param transmittingFraction |{p ∈ P : L(p) ≥ L_t}| / |P|
 * @param meanDb               mean of L over P
 * @param medianDb             median of L over P
 * @param uniformityCv         std(a)/mean(a) over the transmitting points of P (0 = perfectly uniform)
 * @param centreEdgeDb         median L of the centre zone (zone ≤ 0.5) minus median L of the edge zone
 *                             (zone ≥ 0.8), zone = max(|2u/W|, |2v/H|); positive = centre brighter
 * @param thresholdDb          L_t = max(spec threshold, noise floor + SNR margin)
 * @param analysedAreaMm2      |P| × pitch²
 * @param defectAreaFraction   area of the loss defects (bubble, unwetted, bulge, gas_pocket) / (|P| × pitch²)
 * @param largestDefectMm2     area of the largest loss defect (0 if none)
 */
public record StageMetrics(double transmittingFraction, double meanDb, double medianDb, double uniformityCv,
                           double centreEdgeDb, double thresholdDb, double analysedAreaMm2, double defectAreaFraction,
                           double largestDefectMm2, Map<String, Integer> counts) {

    public static StageMetrics compute(TransmissionDb t, CellOutline cell, double thresholdDb, List<Defect> defects) {
        GridGeometry g = t.db().geometry();
        int w = g.width(), h = g.height();
        float[] db = t.db().values();
        boolean[] p = cell.analysed().bits();
        int n = 0, tx = 0;
        float[] amp = new float[db.length];
        boolean[] txMask = new boolean[db.length], centre = new boolean[db.length], edge = new boolean[db.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                amp[i] = Float.NaN;
                if (!p[i] || Float.isNaN(db[i])) continue;
                n++;
                amp[i] = (float) TransmissionDb.linear(db[i]);
                if (db[i] >= thresholdDb) { tx++; txMask[i] = true; }
                double z = cell.zone(g.xMm(x), g.yMm(y));
                centre[i] = z <= 0.5;
                edge[i] = z >= 0.8;
            }
        }
        Mask pm = cell.analysed();
        RobustStats.Summary s = RobustStats.summarize(db, pm);
        RobustStats.Summary a = RobustStats.summarize(amp, new Mask(w, h, txMask));
        double ce = RobustStats.median(db, new Mask(w, h, centre)) - RobustStats.median(db, new Mask(w, h, edge));
        double area = n * g.pixelAreaMm2();
        double defectArea = 0, largest = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (DefectKind k : DefectKind.values()) counts.put(k.id(), 0);
        for (Defect d : defects) {
            counts.merge(d.kind().id(), 1, Integer::sum);
            if (!d.kind().isLoss()) continue;
            defectArea += d.areaMm2();
            largest = Math.max(largest, d.areaMm2());
        }
        return new StageMetrics(n == 0 ? Double.NaN : (double) tx / n, s.mean(), s.median(), a.cv(), ce, thresholdDb, area,
                area == 0 ? Double.NaN : defectArea / area, largest, Map.copyOf(counts));
    }

    /** Every name {@link #byName()} produces: what a specification's stage rules may judge. */
    public static java.util.SortedSet<String> names() {
        java.util.SortedSet<String> n = new java.util.TreeSet<>(List.of("transmitting_fraction", "mean_db", "median_db",
                "uniformity_cv", "centre_edge_db", "threshold_db", "analysed_area_mm2", "defect_area_fraction", "largest_defect_mm2"));
        for (DefectKind k : DefectKind.values()) n.add("count." + k.id());
        return n;
    }

    /** Metrics by the names used in specifications and JSON output. */
    public Map<String, Double> byName() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("transmitting_fraction", transmittingFraction);
        m.put("mean_db", meanDb);
        m.put("median_db", medianDb);
        m.put("uniformity_cv", uniformityCv);
        m.put("centre_edge_db", centreEdgeDb);
        m.put("threshold_db", thresholdDb);
        m.put("analysed_area_mm2", analysedAreaMm2);
        m.put("defect_area_fraction", defectAreaFraction);
        m.put("largest_defect_mm2", largestDefectMm2);
        counts.forEach((k, v) -> m.put("count." + k, (double) v));
        return m;
    }
}
