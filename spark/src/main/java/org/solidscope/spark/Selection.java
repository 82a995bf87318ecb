package org.solidscope.spark;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which measurements a fleet job takes from the record: some lots, a time range of acquisition
 * (when the measurement was stored), one modality, or, with nothing given, the whole line.
 */
public record Selection(List<String> lots, Instant from, Instant to, String modality) implements Serializable {
    public Selection {
        lots = lots == null ? List.of() : List.copyOf(lots);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new org.solidscope.core.InputException("--from", "dates", "--from before --to", from + " is not before " + to);
        }
        if (modality != null && !modality.matches("[a-z][a-z0-9_]{0,31}")) {
            throw new org.solidscope.core.InputException("--modality", "modality", "a modality name (lower-case letters, digits, _)",
                    "'" + modality.replaceAll("[^\\x20-\\x7e]", "?") + "'");
        }
    }

    public static Selection lot(String lot) {
        return new Selection(List.of(lot), null, null, null);
    }

    /** The SQL condition over {@code ce} (cell), {@code m} (measurement); literals quoted: Spark's JDBC source takes no parameters. */
    String where() {
        List<String> w = new ArrayList<>();
        if (!lots.isEmpty()) w.add("ce.lot_id IN (" + String.join(", ", lots.stream().map(Selection::quote).toList()) + ")");
        if (from != null) w.add("m.created_utc >= " + timestamp(from));
        if (to != null) w.add("m.created_utc < " + timestamp(to));
        if (modality != null) w.add("m.modality = " + quote(modality));
        return w.isEmpty() ? "1 = 1" : String.join(" AND ", w);
    }

    static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String timestamp(Instant t) {
        return "TIMESTAMP WITH TIME ZONE '" + t.toString().replace('T', ' ').replace("Z", "+00:00") + "'";
    }

    /** For summaries. */
    java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("lots", lots.isEmpty() ? "all" : lots);
        if (from != null) m.put("from", from.toString());
        if (to != null) m.put("to", to.toString());
        if (modality != null) m.put("modality", modality);
        return m;
    }
}
