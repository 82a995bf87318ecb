package org.solidscope.core.record;

/**
 * Units by name: the project writes units into names ({@code mean_db}, {@code ra_um},
 * {@code analysed_area_mm2}), so a metric's unit follows from its name's last suffix.
 */
public final class Units {
    private Units() {}

    /** The unit a metric name states by its suffix, or {@code 1} (a ratio, a count, a dimensionless moment). */
    public static String ofName(String metricName) {
        String n = metricName.substring(metricName.lastIndexOf('.') + 1);
        int u = n.lastIndexOf('_');
        String suffix = u < 0 ? "" : n.substring(u + 1);
        return switch (suffix) {
            case "db" -> "dB";
            case "mm" -> "mm";
            case "mm2" -> "mm²";
            case "mm3" -> "mm³";
            case "um" -> "µm";
            case "um2" -> "µm²";
            case "um3" -> "µm³";
            case "ms" -> "ms";
            case "s" -> "s";
            case "pct", "percent" -> "%";
            case "deg" -> "°";
            case "kev" -> "keV";
            case "ohm" -> "Ω";
            case "mah" -> "mAh";
            case "v" -> "V";
            default -> "1";
        };
    }
}
