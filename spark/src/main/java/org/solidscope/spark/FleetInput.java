package org.solidscope.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.InputException;

/**
 * The record as two Spark tables, read in parallel: {@code measurements} (one row per measurement with
 * its current analysis) and {@code metrics} (one row per metric of a current analysis). From the
 * database by JDBC reads partitioned on the measurement id, or from a Parquet export
 * ({@code <dir>/measurements}, {@code <dir>/metrics}, as {@link ExportJob} writes them).
 */
public final class FleetInput {
    private FleetInput() {}

    /** Columns of {@code measurements}, in order. */
    static final String[] MEASUREMENT_COLUMNS = {"measurement_id", "lot", "cell", "state", "state_order", "modality", "file_name", "raw_sha256",
            "settings", "created_utc", "analysis_id", "pipeline", "software_version", "spec_name", "verdict"};
    /** Columns of {@code metrics}, in order. */
    static final String[] METRIC_COLUMNS = {"measurement_id", "lot", "cell", "state", "modality", "file_name", "created_utc", "analysis_id",
            "metric", "value", "unit", "uncertainty"};

    private static final String FROM = "FROM measurement m JOIN cell_state s ON s.id = m.state_id JOIN cell ce ON ce.id = s.cell_id ";

    public record Tables(Dataset<Row> measurements, Dataset<Row> metrics) {}

    /** Both tables of the selection, from the database; {@code partitions} JDBC reads each. */
    public static Tables fromRecord(SparkSession spark, Catalog driverCatalog, RecordLocation where, Selection sel, int partitions) {
        String m = "SELECT m.id AS measurement_id, ce.lot_id AS lot, s.cell_id AS cell, s.name AS state, s.sort_order AS state_order, m.modality, "
                + "m.file_name, m.raw_sha256, m.settings, m.created_utc, a.id AS analysis_id, a.pipeline, a.software_version, a.spec_name, a.verdict "
                + FROM + "LEFT JOIN analysis a ON a.id = m.current_analysis_id WHERE " + sel.where();
        String x = "SELECT m.id AS measurement_id, ce.lot_id AS lot, s.cell_id AS cell, s.name AS state, m.modality, m.file_name, m.created_utc, "
                + "a.id AS analysis_id, x.name AS metric, x.metric_value AS metric_value, x.unit, x.uncertainty "
                + FROM + "JOIN analysis a ON a.id = m.current_analysis_id JOIN metric x ON x.analysis_id = a.id WHERE " + sel.where();
        long[] bounds = idBounds(driverCatalog, sel);
        Dataset<Row> ms = jdbc(spark, where, m, bounds, partitions).toDF(MEASUREMENT_COLUMNS)
                .withColumn("raw_sha256", functions.trim(functions.col("raw_sha256")));
        Dataset<Row> xs = jdbc(spark, where, x, bounds, partitions).toDF(METRIC_COLUMNS);
        return new Tables(ms, xs);
    }

    /** Both tables from a Parquet export; the selection filters them. */
    public static Tables fromParquet(SparkSession spark, Path dir, Selection sel) {
        for (String t : new String[] {"measurements", "metrics"}) {
            if (!Files.isDirectory(dir.resolve(t))) {
                throw new InputException(dir.toString(), t, "a Parquet export of the record (fleet export): folders measurements/ and metrics/",
                        "no " + t + "/ in it");
            }
        }
        Dataset<Row> ms = spark.read().parquet(dir.resolve("measurements").toString()).selectExpr(MEASUREMENT_COLUMNS);
        Dataset<Row> xs = spark.read().parquet(dir.resolve("metrics").toString()).selectExpr(METRIC_COLUMNS);
        return new Tables(filter(ms, sel), filter(xs, sel));
    }

    private static Dataset<Row> filter(Dataset<Row> d, Selection sel) {
        if (!sel.lots().isEmpty()) d = d.filter(functions.col("lot").isin(sel.lots().toArray()));
        if (sel.from() != null) d = d.filter(functions.col("created_utc").geq(functions.lit(java.sql.Timestamp.from(sel.from()))));
        if (sel.to() != null) d = d.filter(functions.col("created_utc").lt(functions.lit(java.sql.Timestamp.from(sel.to()))));
        if (sel.modality() != null) d = d.filter(functions.col("modality").equalTo(sel.modality()));
        return d;
    }

    private static Dataset<Row> jdbc(SparkSession spark, RecordLocation where, String query, long[] bounds, int partitions) {
        var r = spark.read().format("jdbc").option("url", where.jdbcUrl()).option("dbtable", "(" + query + ") q").option("fetchsize", "2000");
        if (where.user() != null) r = r.option("user", where.user()).option("password", where.password() == null ? "" : where.password());
        if (bounds[1] > bounds[0] && partitions > 1) {
            r = r.option("partitionColumn", "measurement_id").option("lowerBound", Long.toString(bounds[0]))
                    .option("upperBound", Long.toString(bounds[1] + 1)).option("numPartitions", Integer.toString(partitions));
        }
        return r.load();
    }

    /** The smallest and largest measurement id of the selection (0, 0 when empty): the range the partitions split. */
    static long[] idBounds(Catalog catalog, Selection sel) {
        return catalog.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MIN(m.id), MAX(m.id) " + FROM + "WHERE " + sel.where())) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        });
    }

    /** The lots of {@code wanted} the record does not hold. */
    static java.util.List<String> unknownLots(Catalog catalog, java.util.List<String> wanted) {
        return catalog.inTransaction(c -> {
            java.util.List<String> missing = new java.util.ArrayList<>();
            try (var ps = c.prepareStatement("SELECT 1 FROM lot WHERE id = ?")) {
                for (String l : wanted) {
                    ps.setString(1, l);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) missing.add(l);
                    }
                }
            }
            return missing;
        });
    }

}
