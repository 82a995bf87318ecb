package org.solidscope.spark;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.solidscope.catalog.Catalog;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code solidscope fleet reanalyze | stats | export}: the record's whole history on Apache Spark, in local
 * mode on this machine's cores by default, or under {@code spark-submit} on a cluster (the same jar).
 * Exit codes: 0 done, 1 finished with failures or unknown lots / versions (named in the summary), 2 bad input.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, versionProvider = FleetMain.Version.class,
        description = "Re-analyse, summarise and export a line's whole record on Apache Spark (local mode by default; the same jar runs under spark-submit).",
        subcommands = {FleetMain.ReanalyzeCmd.class, FleetMain.StatsCmd.class, FleetMain.ExportCmd.class})
public final class FleetMain implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where progress and warnings go (the caller's stderr). */
    private final PrintStream err;

    FleetMain(PrintStream err) {
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a job: reanalyze, stats or export");
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a fleet command; returns its exit code (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new FleetMain(err));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            Throwable t = ex;
            while (!(t instanceof InputException) && t.getCause() != null && t != t.getCause()) t = t.getCause();
            if (t instanceof InputException ie) {
                err.println("solidscope fleet: bad input: " + ie.getMessage());
                return 2;
            }
            err.println("solidscope fleet: " + ReanalyzeJob.reason(ex));
            return 1;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SolidScope fleet " + org.solidscope.core.SoftwareVersion.get() + " on Apache Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
        }
    }

    /** Where the record is, which part of it, and where Spark runs: options every job shares. */
    static final class Common {
        @Option(names = "--workspace", description = "workspace directory (default: $SOLIDSCOPE_WORKSPACE or ./solidscope-work); local mode only")
        Path workspace;

        @Option(names = "--db", description = "JDBC URL of the shared PostgreSQL record, e.g. jdbc:postgresql://host/db?user=u&password=p (needed on a cluster)")
        String db;

        @Option(names = "--arrays", description = "the array store every executor sees (default: <workspace>/arrays)")
        Path arrays;

        @Option(names = "--lot", description = "a lot to take (repeatable); default: every lot (the whole line)")
        List<String> lots = new ArrayList<>();

        @Option(names = "--from", description = "measurements stored on or after this day (yyyy-mm-dd, UTC) or instant")
        String from;

        @Option(names = "--to", description = "measurements stored before this day (yyyy-mm-dd, UTC) or instant")
        String to;

        @Option(names = "--master", description = "Spark master (default: local[*,4] here: this machine's cores, a failed task tried up to 4 times; "
                + "under spark-submit, the master it was given)")
        String master;

        @Option(names = "--partitions", description = "JDBC reads and tasks (default: 4 per core)")
        Integer partitions;

        Path workspace() {
            return Catalog.workspaceOrDefault(workspace);
        }

        Catalog open() {
            if (db != null) return Catalog.open(db, null, null, arrays != null ? arrays : workspace().resolve("arrays"), false);
            return Catalog.openExistingWorkspace(workspace(), workspace == null ? "workspace" : "--workspace", false);
        }

        Selection selection(String modality) {
            // a --partitions given must be ≥ 1 (0 had been taken silently as "the default")
            if (partitions != null && partitions < 1) throw new org.solidscope.core.InputException("--partitions", "partitions", "at least 1", String.valueOf(partitions));
            return new Selection(lots, instant("--from", from), instant("--to", to), modality);
        }

        static Instant instant(String field, String s) {
            if (s == null) return null;
            try {
                return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
            } catch (java.time.format.DateTimeParseException e) {
                throw new InputException(field, field, "a day yyyy-mm-dd or an instant such as 2026-11-29T08:00:00Z", "'" + s + "'");
            }
        }

        /** The session: local mode unless spark-submit (or --master) named a master. */
        SparkSession session(StageProgress progress) {
            var b = SparkSession.builder().appName("solidscope-fleet").config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false").config("spark.sql.session.timeZone", "UTC");
            if (master != null) b = b.master(master);
            else if (System.getProperty("spark.master") == null) b = b.master("local[*,4]");
            SparkSession s = b.getOrCreate();
            s.sparkContext().setLogLevel("WARN");
            if (progress != null) s.sparkContext().addSparkListener(progress);
            return s;
        }

        int partitions(SparkSession s) {
            return partitions != null ? partitions : 4 * s.sparkContext().defaultParallelism();
        }
    }

    /** Through a temporary sibling, renamed at once: a summary is written also when the job failed (exit 1). */
    static void writeJson(Path file, Object o) {
        org.solidscope.core.AtomicOutput.writeString(file, Json.write(o));
    }

    @Command(name = "reanalyze", mixinStandardHelpOptions = true,
            description = "Run the registered pipeline of each selected measurement again in Spark tasks and store the results as new analyses "
                    + "(history kept; a re-run or a retried task adds nothing twice); then the ultrasonic stage comparisons of the cells.",
            footer = {"", "Examples:", "  solidscope fleet reanalyze --lot demo-lot --spec strict-spec.json --summary summary.json",
                    "  spark-submit --master spark://head:7077 --class org.solidscope.spark.FleetMain spark/target/solidscope-fleet.jar \\",
                    "      reanalyze --db 'jdbc:postgresql://db/solidscope?user=u&password=p' --arrays /shared/arrays --from 2026-06-01"})
    static final class ReanalyzeCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec cmd;

        @CommandLine.ParentCommand
        FleetMain parent;

        @Mixin
        Common common;

        @Option(names = "--spec", description = "inspection specification (JSON); default: the shipped one")
        Path specFile;

        @Option(names = "--pipeline-version", description = "the pipeline (software) version to run; this build runs its own only")
        String pipelineVersion;

        @Option(names = "--modality", description = "only measurements of this modality")
        String modality;

        @Option(names = "--parquet", description = "take the measurements from a Parquet export (fleet export) instead of the database; "
                + "the analyses still go into the record")
        Path parquet;

        @Option(names = "--summary", description = "write the job summary (JSON) here")
        Path summaryFile;

        @Option(names = "--json", description = "print the job summary as JSON")
        boolean json;

        @Option(names = "--fail-once-after", hidden = true, description = "tests of retries: fail the first attempt of the task holding this measurement id")
        long failOnceAfter;

        @Override
        public Integer call() throws Exception {
            String specJson, specSource;
            if (specFile == null) {
                specJson = null; // every modality's default part
                specSource = "default specification";
            } else {
                if (!Files.isRegularFile(specFile)) throw new InputException(specFile.toString(), "--spec", "an existing specification file", "no such file");
                specJson = Files.readString(specFile);
                specSource = specFile.toString();
            }
            ReanalyzeJob.registry(new ReanalyzeJob.Options(null, specJson, specSource, null, 0, 0)); // bad input is refused before Spark starts
            PrintStream err = parent.err;
            StageProgress progress = new StageProgress(err);
            Catalog catalog = common.open();
            long t0 = System.nanoTime();
            Selection sel = common.selection(modality);
            SparkSession spark = common.session(progress);
            int parts = common.partitions(spark);
            RecordLocation where = RecordLocation.of(catalog, null, null);
            FleetInput.Tables in = parquet != null ? FleetInput.fromParquet(spark, parquet, sel) : FleetInput.fromRecord(spark, catalog, where, sel, parts);
            long startupMs = (System.nanoTime() - t0) / 1_000_000;
            JobSummary s = ReanalyzeJob.run(spark, catalog, where, in, new ReanalyzeJob.Options(sel, specJson, specSource, pipelineVersion, parts, failOnceAfter),
                    progress, startupMs);
            report(cmd.commandLine().getOut(), s, json, summaryFile);
            return s.ok() ? 0 : 1;
        }
    }

    static void report(PrintWriter out, JobSummary s, boolean json, Path summaryFile) throws java.io.IOException {
        Map<String, Object> m = s.toMap();
        if (summaryFile != null) writeJson(summaryFile, m);
        if (json) {
            out.println(Json.write(m));
            return;
        }
        out.printf("%s on %s (%d cores): %d measurements, %d analyses added, %d stored by an identical earlier run, %d stage comparisons added, "
                + "%d failed; %.1f scans/s (%.1f per core); start-up %.1f s, job %.1f s%n", s.job(), s.master(), s.cores(), s.measurements(), s.added(),
                s.alreadyStored(), s.comparisonsAdded(), s.failures().size(), s.scansPerSecond(), s.scansPerSecond() / Math.max(1, s.cores()),
                s.startupMs() / 1000.0, s.elapsedMs() / 1000.0);
        for (var f : s.failures()) out.printf("  failed: lot %s, cell %s%s: %s%n", f.lot(), f.cell(), f.file() == null ? "" : ", " + f.file(), f.reason());
        for (String l : s.unknownLots()) out.printf("  unknown lot: %s%n", l);
        for (String v : s.unknownPipelineVersions()) out.printf("  unknown pipeline version: %s%n", v);
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = "Per metric, per state and per lot, week or the whole selection: n, mean, σ, percentiles, yield, control limits (mean ± 3σ) "
                    + "and the measurements outside them, by Spark SQL over the current analyses.",
            footer = {"", "Examples:", "  solidscope fleet stats --by week --metric ut.transmitting_fraction --out weekly.json",
                    "  solidscope fleet stats --by week --store && solidscope fleet stats --by line --store    # the dashboard's line history",
                    "  solidscope fleet stats --parquet record-export --by lot"})
    static final class StatsCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec cmd;

        @CommandLine.ParentCommand
        FleetMain parent;

        @Mixin
        Common common;

        @Option(names = "--by", description = "lot, week or line (default: lot)")
        String by = "lot";

        @Option(names = "--metric", description = "only this metric")
        String metric;

        @Option(names = "--modality", description = "only measurements of this modality")
        String modality;

        @Option(names = "--parquet", description = "read a Parquet export (fleet export) instead of the database")
        Path parquet;

        @Option(names = "--out", description = "write the statistics (JSON) here")
        Path outFile;

        @Option(names = "--json", description = "print the statistics as JSON")
        boolean json;

        @Option(names = "--store", description = "keep the statistics in the record (replacing those of the same --by): the dashboard draws the line's history from them")
        boolean store;

        @Override
        public Integer call() throws Exception {
            if (store && parquet != null) throw new InputException("--store", "--store", "statistics of the record itself (no --parquet)", "--parquet " + parquet);
            StatsJob.requireMetricName(metric);
            StatsJob.GroupBy g;
            try {
                g = StatsJob.GroupBy.valueOf(by.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InputException("--by", "--by", "lot, week or line", "'" + by + "'");
            }
            Selection sel = common.selection(modality);
            PrintStream err = parent.err;
            StageProgress progress = new StageProgress(err);
            long t0 = System.nanoTime();
            List<String> unknown = List.of();
            FleetInput.Tables in;
            SparkSession spark;
            Catalog record = null;
            if (parquet != null) {
                spark = common.session(progress);
                in = FleetInput.fromParquet(spark, parquet, sel);
            } else {
                Catalog catalog = record = common.open();
                spark = common.session(progress);
                unknown = FleetInput.unknownLots(catalog, sel.lots());
                in = FleetInput.fromRecord(spark, catalog, RecordLocation.of(catalog, null, null), sel, common.partitions(spark));
            }
            progress.step("statistics");
            List<StatsJob.StateStats> stats = StatsJob.run(spark, in, g, metric);
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("by", g.name().toLowerCase(java.util.Locale.ROOT));
            m.put("selection", sel.describe());
            m.put("unknown_lots", unknown);
            m.put("elapsed_ms", (System.nanoTime() - t0) / 1_000_000);
            m.put("groups", StatsJob.toMaps(stats));
            if (outFile != null) writeJson(outFile, m);
            if (store) org.solidscope.catalog.LineStatistics.store(record, g.name(), StatsJob.rows(g, stats));
            PrintWriter out = cmd.commandLine().getOut();
            if (json) out.println(Json.write(m));
            else print(out, stats);
            for (String l : unknown) err.println("solidscope fleet: unknown lot: " + l);
            return unknown.isEmpty() ? 0 : 1;
        }

        static void print(PrintWriter out, List<StatsJob.StateStats> stats) {
            String group = null;
            for (StatsJob.StateStats s : stats) {
                if (!s.group().equals(group)) out.printf("%s%n", group = s.group());
                out.printf("  %s: %d measurements, yield %s, %s%n", s.state(), s.measurements(),
                        Double.isNaN(s.yield()) ? "-" : String.format("%.1f %%", 100 * s.yield()), s.verdicts());
                for (var x : s.metrics()) {
                    out.printf("    %-34s n %5d  mean %-12.6g σ %-12.4g p05 %-10.4g p50 %-10.4g p95 %-10.4g limits [%.6g, %.6g] %s%n", x.metric(), x.n(),
                            x.mean(), x.std(), x.percentiles()[0], x.percentiles()[2], x.percentiles()[4], x.lcl(), x.ucl(),
                            x.outside().isEmpty() ? "" : "outside: " + String.join(", ", x.outside()));
                }
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the record's lots as Parquet partitioned by lot (measurements/ and metrics/), for other tools and for fleet stats --parquet.",
            footer = {"", "Example:", "  solidscope fleet export --out record-export"})
    static final class ExportCmd implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec cmd;

        @CommandLine.ParentCommand
        FleetMain parent;

        @Mixin
        Common common;

        @Option(names = "--out", required = true, description = "folder to create")
        Path out;

        @Override
        public Integer call() {
            if (Files.exists(out)) throw new InputException(out.toString(), "--out", "a folder that does not exist yet", "it exists");
            Catalog catalog = common.open();
            PrintStream err = parent.err;
            StageProgress progress = new StageProgress(err);
            long t0 = System.nanoTime();
            Selection sel = common.selection(null);
            SparkSession spark = common.session(progress);
            List<String> unknown = FleetInput.unknownLots(catalog, sel.lots());
            FleetInput.Tables in = FleetInput.fromRecord(spark, catalog, RecordLocation.of(catalog, null, null), sel, common.partitions(spark));
            ExportJob.Result r = ExportJob.run(in, out, progress);
            cmd.commandLine().getOut().printf("exported %d measurements and %d metrics to %s in %.1f s%n", r.measurements(), r.metrics(), r.out(),
                    (System.nanoTime() - t0) / 1e9);
            for (String l : unknown) err.println("solidscope fleet: unknown lot: " + l);
            return unknown.isEmpty() ? 0 : 1;
        }
    }
}
