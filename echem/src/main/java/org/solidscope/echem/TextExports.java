package org.solidscope.echem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.solidscope.core.InputException;

/**
 * Text exports with a recognisable preamble:
 * <ul>
 * <li>CH Instruments: a date line, {@code A.C. Impedance}, {@code key = value} settings, then a
 *     {@code Freq/Hz, Z'/ohm, Z"/ohm, Z/ohm, Phase/deg} row, a blank line and comma-separated rows;
 *     Z″ is already negative for a capacitive response.</li>
 * <li>VersaStudio {@code .par}: an INI-like file whose {@code <Segment1>} holds {@code Definition=} (the column
 *     names) and comma-separated rows with {@code Frequency(Hz)}, {@code Z Real} and {@code Z Imag}.</li>
 * </ul>
 */
final class TextExports {
    private TextExports() {}

    static boolean isChInstruments(String text) {
        return text.lines().limit(4).anyMatch(l -> l.strip().equals("A.C. Impedance")) && text.contains("\nFreq/Hz");
    }

    static boolean isVersaStudio(String text) {
        return text.contains("<Segment1>") && text.contains("Definition=");
    }

    static ImpedanceSpectrum chInstruments(String src, String text) {
        String[] lines = text.split("\r?\n");
        int head = -1;
        String amplitude = null;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("Freq/Hz")) { head = i; break; }
            if (lines[i].startsWith("Amplitude (V)")) amplitude = lines[i].substring(lines[i].indexOf('=') + 1).strip();
        }
        List<String> names = Arrays.stream(lines[head].split(",")).map(String::strip).toList();
        int f = names.indexOf("Freq/Hz"), re = names.indexOf("Z'/ohm"), im = names.indexOf("Z\"/ohm");
        if (re < 0 || im < 0) throw new InputException(src, "columns", "Freq/Hz, Z'/ohm and Z\"/ohm", SpectrumCsv.shown(lines[head]));
        List<double[]> rows = new ArrayList<>();
        for (int i = head + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] p = lines[i].split(",");
            if (p.length < names.size()) throw new InputException(src, "line " + (i + 1), names.size() + " columns", p.length + " columns");
            rows.add(new double[] {InstrumentFiles.number(src, "Freq/Hz (line " + (i + 1) + ")", p[f]),
                    InstrumentFiles.number(src, "Z'/ohm (line " + (i + 1) + ")", p[re]), InstrumentFiles.number(src, "Z\"/ohm (line " + (i + 1) + ")", p[im])});
        }
        Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("format", "CH Instruments text");
        meta.put("date", lines[0].strip());
        if (amplitude != null) meta.put("amplitude_mv", String.valueOf(InstrumentFiles.number(src, "Amplitude (V)", amplitude) * 1000));
        return InstrumentFiles.spectrum(src, rows, false).withMetadata(meta);
    }

    static ImpedanceSpectrum versaStudio(String src, String text) {
        String[] lines = text.split("\r?\n");
        int seg = -1;
        for (int i = 0; i < lines.length; i++) if (lines[i].strip().equals("<Segment1>")) { seg = i; break; }
        int def = -1;
        for (int i = seg + 1; i < lines.length && !lines[i].startsWith("</Segment1>"); i++) if (lines[i].startsWith("Definition=")) { def = i; break; }
        if (def < 0) throw new InputException(src, "Segment1", "a Definition= row naming the columns", "none");
        List<String> names = Arrays.stream(lines[def].substring("Definition=".length()).split(",")).map(String::strip).toList();
        int f = names.indexOf("Frequency(Hz)"), re = names.indexOf("Z Real"), im = names.indexOf("Z Imag");
        if (f < 0 || re < 0 || im < 0) throw new InputException(src, "Definition", "columns Frequency(Hz), Z Real and Z Imag", SpectrumCsv.shown(names.toString()));
        List<double[]> rows = new ArrayList<>();
        for (int i = def + 1; i < lines.length && !lines[i].startsWith("</Segment1>"); i++) {
            if (lines[i].isBlank()) continue;
            String[] p = lines[i].split(",");
            if (p.length <= Math.max(f, Math.max(re, im))) throw new InputException(src, "line " + (i + 1), names.size() + " columns", p.length + " columns");
            rows.add(new double[] {InstrumentFiles.number(src, "Frequency(Hz) (line " + (i + 1) + ")", p[f]),
                    InstrumentFiles.number(src, "Z Real (line " + (i + 1) + ")", p[re]), InstrumentFiles.number(src, "Z Imag (line " + (i + 1) + ")", p[im])});
        }
        return InstrumentFiles.spectrum(src, rows, false).withMetadata(Map.of("format", "VersaStudio par"));
    }
}
