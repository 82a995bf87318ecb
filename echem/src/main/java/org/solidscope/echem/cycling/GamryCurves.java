package org.solidscope.echem.cycling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.solidscope.core.InputException;

/**
 * Gamry {@code .DTA} files of the time-domain techniques (cyclic voltammetry {@code TAG CV}, galvanostatic charge and
 * discharge, chronopotentiometry and -amperometry): text, {@code EXPLAIN}, header lines, then one or more tables
 * {@code CURVE<n> TABLE} (a names row and a units row, then rows). Read line by line, never whole. The columns used:
 * {@code T} (s), {@code Vf} (V) and {@code Im} (A); tables without them ({@code OCVCURVE}: no current) are passed over,
 * and an impedance file ({@code ZCURVE}) is not one of these. Each {@code CURVE<n>} is cycle n (Gamry writes a cycle of
 * a voltammogram, or a step of a cycling run, per table); a table whose time starts again from zero is joined to the end
 * of the one before. Decimal commas (some locales) are read.
 */
public final class GamryCurves {
    private GamryCurves() {}

    /** Whether the first bytes are a Gamry file with a time-domain curve (a {@code CURVE} table that is not {@code ZCURVE}). */
    static boolean recognises(String head) {
        return head.startsWith("EXPLAIN") && head.contains("\nTAG") && head.lines().anyMatch(l -> isCurve(l));
    }

    private static boolean isCurve(String line) {
        return line.matches("CURVE\\d*[\\t ]+TABLE.*");
    }

    static void read(String src, Path file, CyclerFiles.RowSink sink) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            long lineNo = 0;
            int tables = 0, rows = 0;
            double base = 0, lastT = Double.NEGATIVE_INFINITY;
            boolean join = false;
            int t = -1, v = -1, i = -1, need = -1, cycle = 0;
            boolean inTable = false;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (isCurve(line)) {
                    String names = r.readLine(), units = r.readLine();
                    lineNo += 2;
                    if (names == null || units == null) throw new InputException(src, "line " + lineNo, "a names row and a units row after " + line.split("\t")[0], "the file ends");
                    List<String> cols = Arrays.stream(names.split("\t", -1)).map(String::strip).toList();
                    t = cols.indexOf("T");
                    v = cols.indexOf("Vf");
                    i = cols.indexOf("Im");
                    inTable = t >= 0 && v >= 0 && i >= 0;
                    if (!inTable) continue;
                    need = Math.max(t, Math.max(v, i));
                    String digits = line.replaceAll("^CURVE(\\d*).*", "$1");
                    if (digits.length() > 9) throw new InputException(src, "line " + (lineNo - 2), "a CURVE table number below 10⁹", "CURVE" + digits.substring(0, 12) + "…");
                    cycle = digits.isEmpty() ? tables + 1 : Integer.parseInt(digits);
                    tables++;
                    join = true; // its first row says whether its clock starts again
                    continue;
                }
                if (!inTable) continue;
                if (line.isEmpty() || !(line.charAt(0) == '\t' || line.charAt(0) == ' ')) { inTable = false; continue; } // the table ends
                String[] p = line.split("\t", -1);
                if (p.length <= need) throw new InputException(src, "line " + lineNo, (need + 1) + " columns of CURVE" + cycle, p.length + " columns");
                double time = number(src, lineNo, "T", p[t]), volt = number(src, lineNo, "Vf", p[v]), cur = number(src, lineNo, "Im", p[i]);
                if (join && rows > 0 && time + base < lastT) base = lastT - time; // a clock that starts again: joined to the end of the table before
                join = false;
                double at = time + base;
                lastT = at;
                sink.row(at, volt, cur, cycle, Double.NaN, Double.NaN, lineNo);
                rows++;
            }
            if (tables == 0) throw new InputException(src, "CURVE", "a CURVE TABLE with T, Vf and Im (a time-domain measurement)", "none");
            if (rows == 0) throw new InputException(src, "CURVE", "data rows after the names and units rows", "none (a truncated file?)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static double number(String src, long line, String column, String text) {
        String s = text.strip();
        if (s.indexOf(',') >= 0 && s.indexOf('.') < 0) s = s.replace(',', '.');
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new InputException(src, "line " + line + " " + column, "a number", "'" + text.strip().replaceAll("\\p{Cntrl}", "?") + "'");
        }
    }

    /** A run written as a Gamry DTA of {@code tag} (CV, CHARGE, …), one CURVE table per entry of {@code tableStarts} (row indices). */
    public static String write(String tag, CyclerFiles.Run run, int[] tableStarts, double areaCm2) {
        StringBuilder b = new StringBuilder("EXPLAIN\nTAG\t").append(tag).append("\nTITLE\tLABEL\t").append(tag).append("\tTest &Identifier\n")
                .append("DATE\tLABEL\t11/29/2026\tDate\nTIME\tLABEL\t10:00:00\tTime\n")
                .append(String.format(Locale.ROOT, "AREA\tQUANT\t%.5E\tSample &Area (cm^2)%n", areaCm2));
        for (int k = 0; k < tableStarts.length; k++) {
            int from = tableStarts[k], to = k + 1 < tableStarts.length ? tableStarts[k + 1] : run.size();
            b.append("CURVE").append(k + 1).append("\tTABLE\t").append(to - from).append('\n')
                    .append("\tPt\tT\tVf\tIm\tVu\tSig\tAch\tIERange\tOver\tCycle\tTemp\n")
                    .append("\t#\ts\tV vs. Ref.\tA\tV\tV\tV\t#\tbits\t#\tdeg C\n");
            for (int q = from; q < to; q++) {
                b.append('\t').append(q - from).append('\t').append(run.timeS()[q]).append('\t').append(run.voltageV()[q]).append('\t').append(run.currentA()[q])
                        .append("\t0\t").append(run.voltageV()[q]).append("\t0\t8\t...........\t").append(k).append("\t25\n");
            }
        }
        return b.toString();
    }
}
