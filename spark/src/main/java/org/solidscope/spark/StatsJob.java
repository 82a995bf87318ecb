package org.solidscope.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.solidscope.core.record.Verdict;

/**
 * Statistics of a line's history by Spark SQL, over the current analyses: per group (a lot, a week of
 * acquisition, or the whole selection), per state the verdict counts and the yield (PASS / measurements
 * with a verdict), and per metric of any modality n, mean, σ (sample), min, max, the 5th/25th/50th/75th/95th
 * percentiles (linear interpolation), Shewhart control limits mean ± 3σ and the measurements outside them.
 * For one lot these are the figures of {@code lot stats} ({@link org.solidscope.catalog.LotStatistics}).
 */
public final class StatsJob {
    private StatsJob() {}

    /** How measurements are grouped; {@code LINE} is the whole selection as one group, named "all". */
    public enum GroupBy {
        LOT("lot"), WEEK("date_format(date_trunc('week', created_utc), 'yyyy-MM-dd')"), LINE("'all'");

        final String sql;

        GroupBy(String sql) {
            this.sql = sql;
        }
    }

    public record MetricStats(String metric, String unit, long n, double mean, double std, double min, double max, double[] percentiles,
                              double lcl, double ucl, List<String> outside) {}

    public record StateStats(String group, String state, long measurements, Map<String, Long> verdicts, double yield, List<MetricStats> metrics) {}

    static final double[] PERCENTILES = {0.05, 0.25, 0.5, 0.75, 0.95};

    /** Per group, states in life order (then by name); {@code metric} non-null keeps that metric only. */
    public static List<StateStats> run(SparkSession spark, FleetInput.Tables in, GroupBy by, String metric) {
        requireMetricName(metric);
        in.measurements().filter("analysis_id IS NOT NULL").selectExpr(by.sql + " AS g", "*").createOrReplaceTempView("fleet_m");
        in.metrics().selectExpr(by.sql + " AS g", "*").createOrReplaceTempView("fleet_x");
        String only = metric == null ? "" : " WHERE metric = '" + metric + "'";

        StringBuilder counts = new StringBuilder("SELECT g, state, MIN(state_order) o, COUNT(*) n");
        for (Verdict.Status s : Verdict.Status.values()) counts.append(", SUM(CASE WHEN verdict = '").append(s.name()).append("' THEN 1 ELSE 0 END)");
        counts.append(" FROM fleet_m GROUP BY g, state ORDER BY g, o, state");

        spark.sql("SELECT g, state, metric, MIN(unit) unit, COUNT(value) n, AVG(value) mean, STDDEV_SAMP(value) sd, MIN(value) lo, MAX(value) hi, "
                + "percentile(value, array(0.05, 0.25, 0.5, 0.75, 0.95)) p FROM fleet_x" + only + " GROUP BY g, state, metric").createOrReplaceTempView("fleet_agg");
        Map<String, List<String>> outside = new LinkedHashMap<>();
        for (Row r : spark.sql("SELECT x.g, x.state, x.metric, x.cell, x.file_name FROM fleet_x x JOIN fleet_agg a ON a.g = x.g AND a.state = x.state "
                + "AND a.metric = x.metric WHERE a.sd IS NOT NULL AND (x.value < a.mean - 3 * a.sd OR x.value > a.mean + 3 * a.sd) "
                + "ORDER BY x.cell, x.measurement_id").collectAsList()) {
            outside.computeIfAbsent(key(r.getString(0), r.getString(1), r.getString(2)), k -> new ArrayList<>()).add(r.getString(3) + " (" + r.getString(4) + ")");
        }
        Map<String, List<MetricStats>> metrics = new LinkedHashMap<>();
        for (Row r : spark.sql("SELECT * FROM fleet_agg ORDER BY g, state, metric").collectAsList()) {
            long n = r.getLong(4);
            double mean = n == 0 ? Double.NaN : r.getDouble(5);
            double sd = r.isNullAt(6) ? 0 : r.getDouble(6);
            double[] p = new double[PERCENTILES.length];
            java.util.Arrays.fill(p, Double.NaN);
            if (!r.isNullAt(9)) {
                List<Object> ps = r.getList(9);
                for (int i = 0; i < p.length; i++) p[i] = ps.get(i) == null ? Double.NaN : ((Number) ps.get(i)).doubleValue();
            }
            metrics.computeIfAbsent(r.getString(0) + "\n" + r.getString(1), k -> new ArrayList<>()).add(new MetricStats(r.getString(2), r.getString(3), n, mean, sd,
                    n == 0 ? Double.NaN : r.getDouble(7), n == 0 ? Double.NaN : r.getDouble(8), p, mean - 3 * sd, mean + 3 * sd,
                    outside.getOrDefault(key(r.getString(0), r.getString(1), r.getString(2)), List.of())));
        }
        List<StateStats> out = new ArrayList<>();
        for (Row r : spark.sql(counts.toString()).collectAsList()) {
            Map<String, Long> v = new LinkedHashMap<>();
            long judged = 0;
            int i = 4;
            for (Verdict.Status s : Verdict.Status.values()) {
                long k = r.getLong(i++);
                v.put(s.name(), k);
                judged += k;
            }
            List<MetricStats> ms = metrics.getOrDefault(r.getString(0) + "\n" + r.getString(1), List.of());
            if (metric != null && ms.isEmpty()) continue;
            out.add(new StateStats(r.getString(0), r.getString(1), r.getLong(3), v, judged == 0 ? Double.NaN : (double) v.get("PASS") / judged, ms));
        }
        return out;
    }

    /** The rows the record keeps of these statistics ({@link org.solidscope.catalog.LineStatistics}), for the dashboard's line history. */
    public static List<org.solidscope.catalog.LineStatistics.Row> rows(GroupBy by, List<StateStats> stats) {
        List<org.solidscope.catalog.LineStatistics.Row> out = new ArrayList<>();
        for (StateStats s : stats) {
            for (MetricStats x : s.metrics()) {
                double[] p = x.percentiles();
                out.add(new org.solidscope.catalog.LineStatistics.Row(by.name(), s.group(), s.state(), x.metric(), x.unit(), x.n(), x.mean(), x.std(), x.min(),
                        x.max(), p[0], p[1], p[2], p[3], p[4], x.lcl(), x.ucl(), x.outside().size(), s.measurements(), s.yield()));
            }
        }
        return out;
    }

    /** Refuses what is not a metric name (null is: every metric); the name goes into Spark SQL text. */
    static void requireMetricName(String metric) {
        if (metric != null && !org.solidscope.core.record.Metric.isName(metric)) {
            throw new org.solidscope.core.InputException("--metric", "metric", "a metric name such as ut.transmitting_fraction", "'" + metric + "'");
        }
    }

    private static String key(String g, String state, String metric) {
        return g + "\n" + state + "\n" + metric;
    }

    /** As JSON-ready maps (NaN written as null by the caller's writer). */
    public static List<Map<String, Object>> toMaps(List<StateStats> stats) {
        List<Map<String, Object>> l = new ArrayList<>();
        for (StateStats s : stats) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", s.group());
            m.put("state", s.state());
            m.put("measurements", s.measurements());
            m.put("verdicts", s.verdicts());
            m.put("yield", finite(s.yield()));
            List<Map<String, Object>> ms = new ArrayList<>();
            for (MetricStats x : s.metrics()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("metric", x.metric());
                e.put("unit", x.unit());
                e.put("n", x.n());
                e.put("mean", finite(x.mean()));
                e.put("std", finite(x.std()));
                e.put("min", finite(x.min()));
                e.put("max", finite(x.max()));
                Map<String, Object> p = new LinkedHashMap<>();
                for (int i = 0; i < PERCENTILES.length; i++) p.put("p" + String.format("%02d", Math.round(PERCENTILES[i] * 100)), finite(x.percentiles()[i]));
                e.put("percentiles", p);
                e.put("lcl", finite(x.lcl()));
                e.put("ucl", finite(x.ucl()));
                e.put("outside", x.outside());
                ms.add(e);
            }
            m.put("metrics", ms);
            l.add(m);
        }
        return l;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
