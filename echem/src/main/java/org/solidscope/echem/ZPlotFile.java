package org.solidscope.echem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solidscope.core.InputException;

/**
 * Scribner ZPlot/ZView {@code .z} files, in both layouts that occur:
 * <ul>
 * <li>{@code ZPLOT2 ASCII}: an indented {@code key: value} header ({@code Date}, {@code Potential-AC} in mV,
 *     {@code Surface Area} in cm²) closed by {@code End Comments}, then tab-separated rows;</li>
 * <li>{@code "ZPlotW Data File"} / {@code "Z60W Data File"} (also what Autolab's ZPlot-compatible export writes):
 *     a quoted title, a few counts, a quoted column row starting {@code Freq}, then comma-separated rows.</li>
 * </ul>
 * Columns: Freq(Hz), Ampl, Bias, Time(Sec), Z'(a), Z''(b), …; Z'' is already Z″ (negative for a capacitive response).
 */
final class ZPlotFile {
    private ZPlotFile() {}

    static boolean recognises(String text) {
        return text.startsWith("ZPLOT2 ASCII") || text.startsWith("\"ZPlotW Data File") || text.startsWith("\"Z60W Data File");
    }

    static ImpedanceSpectrum read(String src, String text) {
        String[] lines = text.split("\r?\n");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", lines[0].startsWith("ZPLOT2") ? "ZPlot z" : "ZPlotW z");
        int start = -1;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("End Comments")) { start = i + 1; break; }
            if (l.startsWith("\"") && l.replace(" ", "").startsWith("\"Freq(Hz)")) { start = i + 1; break; }
            int colon = l.indexOf(':');
            if (colon > 0) {
                String key = l.substring(0, colon).strip(), value = l.substring(colon + 1).strip();
                switch (key) {
                    case "Date" -> meta.put("date", value.split("\\s+")[0]);
                    case "Potential-AC" -> meta.put("amplitude_mv", value);
                    case "Surface Area" -> meta.put("area_cm2", value);
                    default -> { }
                }
            }
        }
        if (start < 0) throw new InputException(src, "data", "'End Comments' or a \"Freq(Hz) …\" column row before the data", "neither");
        List<double[]> rows = new ArrayList<>();
        for (int i = start; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] p = lines[i].strip().split("\\s*[\\t,]\\s*");
            if (p.length < 6) throw new InputException(src, "line " + (i + 1), "at least 6 columns (Freq, Ampl, Bias, Time, Z', Z'')", p.length + " columns");
            rows.add(new double[] {InstrumentFiles.number(src, "Freq (line " + (i + 1) + ")", p[0]),
                    InstrumentFiles.number(src, "Z' (line " + (i + 1) + ")", p[4]), InstrumentFiles.number(src, "Z'' (line " + (i + 1) + ")", p[5])});
        }
        return InstrumentFiles.spectrum(src, rows, false).withMetadata(meta);
    }
}
