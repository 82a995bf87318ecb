package org.solidscope.echem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.LastRow;

/**
 * Impedance spectra as instruments write them, the format told by the content, not the name:
 * <ul>
 * <li>Gamry {@code .DTA}: text, {@code EXPLAIN} then {@code TAG …}, header lines, and a {@code ZCURVE TABLE n}
 *     whose tab-indented rows follow a names row and a units row (Pt Time Freq Zreal Zimag …); Zimag is
 *     already Z″ (negative for capacitive); decimal commas occur.</li>
 * <li>BioLogic {@code .mpt}: {@code EC-Lab ASCII FILE}, {@code Nb header lines : N}, a tab-separated table
 *     with {@code freq/Hz}, {@code Re(Z)/Ohm}, {@code -Im(Z)/Ohm} (negated: turned back here); Latin-1, decimal commas.</li>
 * <li>BioLogic {@code .mpr}: binary modules, read by {@link BioLogicMpr}.</li>
 * <li>Scribner ZPlot/ZView {@code .z} and the Autolab-style {@code ZPlotW/Z60W} exports ({@link ZPlotFile}).</li>
 * <li>CH Instruments text exports ({@code A.C. Impedance}, a {@code Freq/Hz, Z'/ohm, Z"/ohm} table) and
 *     VersaStudio {@code .par} ({@code <Segment1>} with a {@code Definition=} row), read by {@link TextExports}.</li>
 * <li>CSV and tab tables with named columns, Parstat and PowerSuite exports among them ({@link SpectrumCsv}).</li>
 * </ul>
 */
public final class InstrumentFiles {
    private InstrumentFiles() {}

    /** The largest spectrum file read: spectra are kilobytes; anything this large is not one. */
    static final long MAX_BYTES = 256L << 20;

    public static ImpedanceSpectrum read(Path file) {
        return read(file, file.toString());
    }

    /** As {@link #read(Path)}, messages naming the file {@code src} (a stored blob keeps its original name there). */
    public static ImpedanceSpectrum read(Path file, String src) {
        AtomicOutput.noteInput(file);
        byte[] head;
        try {
            if (Files.isDirectory(file)) throw new InputException(src, "file", "a spectrum file", "a directory");
            if (Files.exists(file) && !Files.isRegularFile(file)) throw new InputException(src, "file", "a spectrum file", "not a regular file (a device or a pipe?)");
            if (Files.exists(file) && Files.size(file) > MAX_BYTES) {
                throw new InputException(src, "size", "an impedance spectrum of at most " + (MAX_BYTES >> 20) + " MiB", (Files.size(file) >> 20) + " MiB");
            }
            head = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(src, "file", "an existing spectrum file", "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (text.startsWith("\uFEFF") || text.startsWith("\u00EF\u00BB\u00BF")) text = text.substring(text.charAt(0) == '\uFEFF' ? 1 : 3);
        if (text.startsWith(BioLogicMpr.MAGIC)) return BioLogicMpr.spectrum(src, head);
        ImpedanceSpectrum s = text(file, src, text);
        // checked once the format has been read: a file that is no spectrum at all is refused for that first
        LastRow.requireWhole(src, head, head.length);
        return s;
    }

    private static ImpedanceSpectrum text(Path file, String src, String text) {
        if (text.startsWith("EXPLAIN")) return gamry(src, text);
        if (text.startsWith("EC-Lab ASCII FILE")) return bioLogicMpt(src, text);
        if (ZPlotFile.recognises(text)) return ZPlotFile.read(src, text);
        if (TextExports.isChInstruments(text)) return TextExports.chInstruments(src, text);
        if (TextExports.isVersaStudio(text)) return TextExports.versaStudio(src, text);
        return SpectrumCsv.read(file, src);
    }

    static double number(String src, String field, String s) {
        try {
            return Double.parseDouble(s.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new InputException(src, field, "a number", "'" + SpectrumCsv.shown(s) + "'");
        }
    }

    static ImpedanceSpectrum gamry(String src, String text) {
        String[] lines = text.split("\r?\n");
        int t = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("ZCURVE\tTABLE") || lines[i].startsWith("ZCURVE TABLE")) { t = i; break; }
        }
        if (t < 0) throw new InputException(src, "ZCURVE", "a ZCURVE TABLE (an impedance measurement)", "none (another technique?)");
        if (t + 2 >= lines.length) throw new InputException(src, "ZCURVE", "a names row and a units row", "the file ends");
        List<String> names = Arrays.stream(lines[t + 1].strip().split("\t")).map(String::strip).toList();
        int f = names.indexOf("Freq"), re = names.indexOf("Zreal"), im = names.indexOf("Zimag");
        if (f < 0 || re < 0 || im < 0) throw new InputException(src, "ZCURVE columns", "Freq, Zreal and Zimag", SpectrumCsv.shown(names.toString()));
        List<double[]> rows = new ArrayList<>();
        for (int i = t + 3; i < lines.length && lines[i].startsWith("\t"); i++) {
            String[] p = lines[i].strip().split("\t");
            int need = Math.max(f, Math.max(re, im));
            if (p.length <= need) throw new InputException(src, "ZCURVE row " + (rows.size() + 1), (need + 1) + " columns", p.length + " columns");
            rows.add(new double[] {number(src, "Freq", p[f]), number(src, "Zreal", p[re]), number(src, "Zimag", p[im])});
        }
        if (rows.isEmpty()) throw new InputException(src, "ZCURVE", "data rows after the names and units rows", "none (a truncated file?)");
        java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
        meta.put("format", "Gamry DTA");
        for (int i = 0; i < t; i++) {
            String[] p = lines[i].split("\t");
            if (p.length < 3) continue;
            switch (p[0]) {
                case "TAG" -> meta.put("technique", p[1].strip());
                case "DATE" -> meta.put("date", p[2].strip());
                case "TIME" -> meta.put("time", p[2].strip());
                case "AREA" -> meta.put("area_cm2", p[2].strip().replace(',', '.'));
                case "VAC" -> meta.put("amplitude_mv_rms", p[2].strip().replace(',', '.'));
                case "TITLE" -> meta.put("title", p[2].strip());
                default -> { }
            }
        }
        if (lines.length > 1 && lines[1].startsWith("TAG")) meta.put("technique", lines[1].substring(3).strip());
        return spectrum(src, rows, false).withMetadata(meta);
    }

    static ImpedanceSpectrum bioLogicMpt(String src, String text) {
        String[] lines = text.split("\r?\n");
        int headerLines = -1;
        for (int i = 0; i < Math.min(lines.length, 10); i++) {
            String l = lines[i].toLowerCase(Locale.ROOT);
            if (l.startsWith("nb header lines")) headerLines = (int) number(src, "Nb header lines", lines[i].substring(lines[i].indexOf(':') + 1));
        }
        if (headerLines < 1 || headerLines > lines.length) throw new InputException(src, "Nb header lines", "the header's line count", headerLines + " of " + lines.length);
        List<String> names = Arrays.stream(lines[headerLines - 1].split("\t")).map(String::strip).toList();
        int f = names.indexOf("freq/Hz"), re = names.indexOf("Re(Z)/Ohm"), im = names.indexOf("-Im(Z)/Ohm");
        if (f < 0 || re < 0 || im < 0) throw new InputException(src, "columns", "freq/Hz, Re(Z)/Ohm and -Im(Z)/Ohm", SpectrumCsv.shown(names.toString()));
        List<double[]> rows = new ArrayList<>();
        for (int i = headerLines; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] p = lines[i].split("\t");
            if (p.length <= Math.max(f, Math.max(re, im))) throw new InputException(src, "line " + (i + 1), names.size() + " columns", p.length + " columns");
            double fr = number(src, "freq/Hz (line " + (i + 1) + ")", p[f]);
            if (fr == 0) continue; // rows of other techniques in a combined file carry no frequency
            rows.add(new double[] {fr, number(src, "Re(Z)/Ohm", p[re]), number(src, "-Im(Z)/Ohm", p[im])});
        }
        return spectrum(src, rows, true).withMetadata(java.util.Map.of("format", "BioLogic mpt"));
    }

    static ImpedanceSpectrum spectrum(String src, List<double[]> rows, boolean negated) {
        int n = rows.size();
        double[] f = new double[n], re = new double[n], im = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = rows.get(i)[0];
            re[i] = rows.get(i)[1];
            im[i] = negated ? -rows.get(i)[2] : rows.get(i)[2];
        }
        return new ImpedanceSpectrum(f, re, im, src);
    }
}
