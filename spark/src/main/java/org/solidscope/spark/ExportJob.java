package org.solidscope.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.solidscope.core.InputException;

/**
 * The record's lots as Parquet for other tools: {@code <out>/measurements/lot=<lot>/…} (one row per
 * measurement with its current analysis) and {@code <out>/metrics/lot=<lot>/…} (one row per metric),
 * the columns of {@link FleetInput}. Written beside {@code out} and moved into place when complete, so a
 * failed job leaves no half-written export; {@code fleet stats --parquet} reads it back.
 */
public final class ExportJob {
    private ExportJob() {}

    public record Result(long measurements, long metrics, Path out) {}

    public static Result run(FleetInput.Tables in, Path out, StageProgress progress) {
        Path abs = out.toAbsolutePath();
        if (Files.exists(abs)) throw new InputException(out.toString(), "--out", "a folder that does not exist yet", "it exists");
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".partial-" + java.util.UUID.randomUUID());
        try {
            if (progress != null) progress.step("export measurements");
            in.measurements().write().partitionBy("lot").parquet(tmp.resolve("measurements").toString());
            if (progress != null) progress.step("export metrics");
            in.metrics().write().partitionBy("lot").parquet(tmp.resolve("metrics").toString());
            var spark = in.measurements().sparkSession();
            long nm = spark.read().parquet(tmp.resolve("measurements").toString()).count();
            long nx = spark.read().parquet(tmp.resolve("metrics").toString()).count();
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
            return new Result(nm, nx, abs);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) return;
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the folder is hidden and named .partial
        }
    }
}
