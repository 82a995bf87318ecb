package org.solidscope.spark;

import java.util.List;
import java.util.Map;

/**
 * What a fleet job did, written as JSON: counts, each failure with its reason, what was asked for and
 * not found, throughput and the fixed start-up cost. {@link #ok} is false when anything failed or was
 * unknown; the command then exits non-zero.
 */
public record JobSummary(String job, String master, int cores, Map<String, Object> selection, long measurements, long added,
                         long alreadyStored, long comparisonsAdded, List<Failure> failures, List<String> unknownLots,
                         List<String> unknownPipelineVersions, long startupMs, long elapsedMs) {

    /** One measurement (or cell) the job could not finish, and why. */
    public record Failure(String lot, String cell, long measurementId, String file, String reason) implements java.io.Serializable {}

    public boolean ok() {
        return failures.isEmpty() && unknownLots.isEmpty() && unknownPipelineVersions.isEmpty();
    }

    /** Measurements per second of the job (start-up excluded), and per core. */
    public double scansPerSecond() {
        return elapsedMs == 0 ? 0 : measurements * 1000.0 / elapsedMs;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("job", job);
        m.put("master", master);
        m.put("cores", cores);
        m.put("selection", selection);
        m.put("measurements", measurements);
        m.put("added", added);
        m.put("already_stored", alreadyStored);
        m.put("comparisons_added", comparisonsAdded);
        m.put("failed", failures.size());
        m.put("failures", failures.stream().map(f -> {
            Map<String, Object> x = new java.util.LinkedHashMap<>();
            x.put("lot", f.lot());
            x.put("cell", f.cell());
            if (f.measurementId() > 0) x.put("measurement_id", f.measurementId());
            if (f.file() != null) x.put("file", f.file());
            x.put("reason", f.reason());
            return x;
        }).toList());
        m.put("unknown_lots", unknownLots);
        m.put("unknown_pipeline_versions", unknownPipelineVersions);
        m.put("startup_ms", startupMs);
        m.put("elapsed_ms", elapsedMs);
        m.put("scans_per_s", Math.round(scansPerSecond() * 10) / 10.0);
        m.put("scans_per_s_per_core", Math.round(scansPerSecond() / Math.max(cores, 1) * 10) / 10.0);
        m.put("ok", ok());
        return m;
    }
}
