package org.solidscope.core.record;

import java.util.regex.Pattern;

/**
 * One number of an analysis, with its unit and standard uncertainty. Names are namespaced by
 * modality ({@code ut.transmitting_fraction}, {@code ct.ra_um}) so that one query can ask for any
 * metric across modalities.
 *
 * @param value       NaN when the analysis could not measure it
 * @param unit        a unit symbol ({@code dB}, {@code µm}, {@code mm²}) or {@code 1} for a ratio or a count
 * @param uncertainty one standard uncertainty in the same unit; NaN when not estimated
 */
public record Metric(String name, double value, String unit, double uncertainty) {
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");

    public Metric {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name must be modality.name in [a-z0-9_.], got '" + name + "'");
        }
        if (unit == null || unit.isBlank()) throw new IllegalArgumentException("metric " + name + " needs a unit ('1' for none)");
    }

    public static Metric of(String name, double value, String unit) {
        return new Metric(name, value, unit, Double.NaN);
    }

    /** The modality prefix of a metric name ({@code ct} of {@code ct.ra_um}). */
    public String modality() {
        return name.substring(0, name.indexOf('.'));
    }

    /** Whether {@code text} is a well-formed metric name. */
    public static boolean isName(String text) {
        return text != null && NAME.matcher(text).matches();
    }
}
