package org.solidscope.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Lot statistics over the current analyses: per stage the yield (PASS / measurements), verdict counts,
 * and per metric the distribution with Shewhart control limits mean ± 3σ (σ the sample standard
 * deviation of the lot) and the measurements outside them.
 */
public final class LotStatistics {
    private LotStatistics() {}

    public record MetricStats(String metric, int n, double mean, double std, double min, double max, double lcl, double ucl,
                              List<String> outside) {}

    public record StageStats(String stage, int measurements, Map<String, Integer> verdicts, double yield, List<MetricStats> metrics) {}

    static final Map<String, Function<CatalogQueries.MeasurementRow, Double>> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("transmitting_fraction", CatalogQueries.MeasurementRow::transmittingFraction);
        METRICS.put("mean_db", CatalogQueries.MeasurementRow::meanDb);
        METRICS.put("median_db", CatalogQueries.MeasurementRow::medianDb);
        METRICS.put("uniformity_cv", CatalogQueries.MeasurementRow::uniformityCv);
        METRICS.put("defect_count", r -> (double) r.defectCount());
    }

    public static List<StageStats> of(List<CatalogQueries.MeasurementRow> rows) {
        Map<String, List<CatalogQueries.MeasurementRow>> byStage = new TreeMap<>();
        for (var r : rows) byStage.computeIfAbsent(r.stage(), k -> new ArrayList<>()).add(r);
        List<StageStats> out = new ArrayList<>();
        for (var e : byStage.entrySet()) {
            List<CatalogQueries.MeasurementRow> rs = e.getValue();
            Map<String, Integer> verdicts = new LinkedHashMap<>();
            for (String v : CatalogQueries.ORDER) verdicts.put(v, 0);
            for (var r : rs) verdicts.merge(r.verdict(), 1, Integer::sum);
            List<MetricStats> ms = new ArrayList<>();
            for (var m : METRICS.entrySet()) {
                List<Double> vals = new ArrayList<>();
                List<String> who = new ArrayList<>();
                for (var r : rs) {
                    Double v = m.getValue().apply(r);
                    if (v != null && Double.isFinite(v)) { vals.add(v); who.add(r.cellId() + " (" + r.file() + ")"); }
                }
                int n = vals.size();
                double mean = vals.stream().mapToDouble(d -> d).average().orElse(Double.NaN);
                double ss = 0;
                for (double v : vals) ss += (v - mean) * (v - mean);
                double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
                double lcl = mean - 3 * std, ucl = mean + 3 * std;
                List<String> outside = new ArrayList<>();
                for (int i = 0; i < n; i++) if (vals.get(i) < lcl || vals.get(i) > ucl) outside.add(who.get(i));
                ms.add(new MetricStats(m.getKey(), n, mean, std, vals.stream().mapToDouble(d -> d).min().orElse(Double.NaN),
                        vals.stream().mapToDouble(d -> d).max().orElse(Double.NaN), lcl, ucl, outside));
            }
            out.add(new StageStats(e.getKey(), rs.size(), verdicts, rs.isEmpty() ? Double.NaN : (double) verdicts.get("PASS") / rs.size(), ms));
        }
        return out;
    }
}
