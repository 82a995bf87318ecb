package org.solidscope.spark;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.solidscope.catalog.Catalog;
import org.solidscope.catalog.CatalogQueries;
import org.solidscope.core.SoftwareVersion;
import org.solidscope.core.record.Specification;
import org.solidscope.workflow.ModalityRegistry;
import org.solidscope.workflow.Reanalyze;

/**
 * Re-analyses the selected measurements in Spark tasks, each through the pipeline its modality has in the
 * registry, and writes the results into the record as new analyses (history kept). Each task calls the
 * station's {@link Reanalyze#one}, so a cluster stores what a station would, bit for bit; each analysis is
 * one transaction under its run key, so a re-run, or a task that failed and was retried after writing,
 * never adds a row twice. Then the ultrasonic stage comparisons of the cells touched, the same way.
 */
public final class ReanalyzeJob {
    private ReanalyzeJob() {}

    /**
     * @param specJson the ultrasonic specification (JSON text: executors need no copy of the file)
     * @param pipelineVersion the software version asked for; null for this build's. A build runs its own
     *        pipelines only: another version is reported unknown (submit that version's jar to run it).
     * @param failOnceAfterMeasurement for tests of retries: the first attempt of the task holding this
     *        measurement fails right after storing its analysis (0: never)
     */
    public record Options(Selection selection, String specJson, String specSource, String pipelineVersion, int partitions,
                          long failOnceAfterMeasurement) implements Serializable {}

    /** What one task did: counts and failures. */
    record TaskResult(long seen, List<JobSummary.Failure> failures) implements Serializable {}

    public static JobSummary run(SparkSession spark, Catalog catalog, RecordLocation where, FleetInput.Tables input, Options o,
                                 StageProgress progress, long startupMs) {
        long t0 = System.nanoTime();
        Instant start = Instant.now().minusMillis(1);
        ModalityRegistry modalities = registry(o); // refused here, before any task, if the specification is not valid
        if (o.selection().modality() != null) modalities.byId("--modality", o.selection().modality());
        List<String> unknownLots = FleetInput.unknownLots(catalog, o.selection().lots());
        int cores = spark.sparkContext().defaultParallelism();
        String master = spark.sparkContext().master();
        if (o.pipelineVersion() != null && !o.pipelineVersion().equals(SoftwareVersion.get())) {
            return new JobSummary("reanalyze", master, cores, o.selection().describe(), 0, 0, 0, 0, List.of(), unknownLots,
                    List.of(o.pipelineVersion() + " (this build runs " + SoftwareVersion.get() + ")"), startupMs, ms(t0));
        }
        Dataset<Row> ms = input.measurements().select("measurement_id", "lot", "cell", "state", "modality", "file_name", "raw_sha256", "settings");
        // the JDBC reads come partitioned by id range already; a Parquet export may come as few large files
        if (o.partitions() > 0 && ms.rdd().getNumPartitions() < o.partitions()) ms = ms.repartition(o.partitions(), functions.col("measurement_id"));

        if (progress != null) progress.step("re-analyse measurements");
        spark.sparkContext().setJobDescription("re-analyse measurements");
        List<TaskResult> parts = ms.javaRDD().mapPartitions(new AnalyseTask(where, o)).collect();
        long seen = 0;
        List<JobSummary.Failure> failures = new ArrayList<>();
        for (TaskResult r : parts) {
            seen += r.seen();
            failures.addAll(r.failures());
        }

        if (progress != null) progress.step("comparisons of states");
        spark.sparkContext().setJobDescription("comparisons of states");
        Object[] comparing = modalities.all().stream().filter(m -> !m.comparedStates().isEmpty()).map(m -> m.id()).toArray();
        Dataset<Row> cells = input.measurements().filter(functions.col("modality").isin(comparing)).select("lot", "cell").distinct();
        for (TaskResult r : cells.javaRDD().mapPartitions(new CompareTask(where, o)).collect()) failures.addAll(r.failures());

        long[] added = addedSince(catalog, o.selection(), start);
        failures.sort(java.util.Comparator.comparing(JobSummary.Failure::lot).thenComparing(JobSummary.Failure::cell)
                .thenComparingLong(JobSummary.Failure::measurementId));
        long failedMeasurements = failures.stream().filter(f -> f.measurementId() > 0).count();
        return new JobSummary("reanalyze", master, cores, o.selection().describe(), seen, added[0], seen - added[0] - failedMeasurements, added[1],
                failures, unknownLots, List.of(), startupMs, ms(t0));
    }

    /** Analyses of measurements and of cells stored under a run key since {@code start} within the selection (retries counted once). */
    static long[] addedSince(Catalog catalog, Selection sel, Instant start) {
        return catalog.inTransaction(c -> {
            long[] n = new long[2];
            String base = "SELECT COUNT(*) FROM analysis a JOIN measurement m ON m.id = a.measurement_id JOIN cell_state s ON s.id = m.state_id "
                    + "JOIN cell ce ON ce.id = s.cell_id WHERE a.run_key IS NOT NULL AND a.created_utc >= ? AND " + sel.where();
            String cellsBase = "SELECT COUNT(*) FROM analysis a JOIN cell ce ON ce.id = a.cell_id WHERE a.run_key IS NOT NULL AND a.measurement_id IS NULL "
                    + "AND a.created_utc >= ?" + (sel.lots().isEmpty() ? "" : " AND ce.lot_id IN (" + String.join(", ", sel.lots().stream().map(Selection::quote).toList()) + ")");
            int i = 0;
            for (String q : new String[] {base, cellsBase}) {
                try (PreparedStatement ps = c.prepareStatement(q)) {
                    ps.setTimestamp(1, Timestamp.from(start));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n[i++] = rs.getLong(1);
                    }
                }
            }
            return n;
        });
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static Reanalyze reanalyze(RecordLocation where, Options o) {
        return new Reanalyze(where.open(), registry(o));
    }

    /** Every modality configured by the job's specification (the default one when it gives none). */
    static ModalityRegistry registry(Options o) {
        return ModalityRegistry.standard(o.specJson() == null ? null : Specification.parse(o.specJson(), o.specSource()));
    }

    /** The re-analysis of one partition of measurements, on an executor. */
    static final class AnalyseTask implements FlatMapFunction<Iterator<Row>, TaskResult> {
        private final RecordLocation where;
        private final Options o;

        AnalyseTask(RecordLocation where, Options o) {
            this.where = where;
            this.o = o;
        }

        @Override
        public Iterator<TaskResult> call(Iterator<Row> rows) {
            Reanalyze re = reanalyze(where, o);
            long seen = 0;
            List<JobSummary.Failure> failures = new ArrayList<>();
            while (rows.hasNext()) {
                Row r = rows.next();
                var s = new CatalogQueries.StoredMeasurement(r.getAs("measurement_id"), r.getAs("cell"), r.getAs("state"), r.getAs("modality"),
                        r.getAs("file_name"), r.<String>getAs("raw_sha256").strip(), r.getAs("settings"));
                seen++;
                try {
                    re.one(s);
                } catch (RuntimeException e) {
                    failures.add(new JobSummary.Failure(r.getAs("lot"), s.cellId(), s.measurementId(), s.fileName(), reason(e)));
                }
                TaskContext tc = TaskContext.get();
                if (s.measurementId() == o.failOnceAfterMeasurement() && tc != null && tc.attemptNumber() == 0) {
                    throw new IllegalStateException("task made to fail once, after storing measurement " + s.measurementId());
                }
            }
            return List.of(new TaskResult(seen, failures)).iterator();
        }
    }

    /** The stage comparisons of one partition of cells, on an executor. */
    static final class CompareTask implements FlatMapFunction<Iterator<Row>, TaskResult> {
        private final RecordLocation where;
        private final Options o;

        CompareTask(RecordLocation where, Options o) {
            this.where = where;
            this.o = o;
        }

        @Override
        public Iterator<TaskResult> call(Iterator<Row> rows) {
            Reanalyze re = reanalyze(where, o);
            List<JobSummary.Failure> failures = new ArrayList<>();
            long n = 0;
            while (rows.hasNext()) {
                Row r = rows.next();
                n++;
                try {
                    re.compareStates(r.getAs("cell"));
                } catch (RuntimeException e) {
                    failures.add(new JobSummary.Failure(r.getAs("lot"), r.getAs("cell"), 0, null, "comparison: " + reason(e)));
                }
            }
            return List.of(new TaskResult(n, failures)).iterator();
        }
    }

    static String reason(Throwable e) {
        String m = e.getMessage();
        Throwable c = e;
        while ((m == null || m.isBlank()) && c.getCause() != null) {
            c = c.getCause();
            m = c.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + (m == null ? "(no message)" : m);
    }
}
