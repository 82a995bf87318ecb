package org.solidscope.echem.cycling;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.solidscope.core.InputException;

/**
 * Neware's nested CSV export (BTSDA's three-level layout): three header lines — the cycle level ({@code Cycle ID, …}), the
 * step level one field in ({@code ,Step ID,Step Name,…}) and the record level two fields in ({@code ,,Record ID,
 * Time(h:min:s.ms),Voltage(V),Current(mA),Capacity(mAh),…}) — then rows in the same nesting: a cycle row, its step rows,
 * each step row followed by its records. A record's time is the step's clock ({@code h:mm:ss.fff}); the test's clock is the
 * steps' clocks summed. The step's name (CC_Chg, CCCV_Chg, CC_DChg, Rest, …) signs the record's current, and the record's
 * capacity, counted per step, goes to the charge or discharge counter by it. Units come from the record header ({@code V}
 * or {@code mV}; {@code A}, {@code mA} or {@code µA}, refused when missing; {@code Ah} or {@code mAh}).
 */
final class NewareNested {
    private NewareNested() {}

    /** Whether the first lines are the three nested headers. */
    static boolean recognises(String head) {
        List<String> lines = new ArrayList<>();
        for (String l : head.split("\n", 20)) {
            if (!l.isBlank()) lines.add(l.replace("\r", "").replace("\"", "").replace("\uFEFF", ""));
            if (lines.size() == 3) break;
        }
        return lines.size() == 3 && lines.get(0).startsWith("Cycle ID") && lines.get(1).matches("^[,\\t]Step ID.*")
                && lines.get(2).matches("^[,\\t][,\\t]Record ID.*");
    }

    static String read(String src, Path file, CyclerFiles.RowSink sink) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String[] headers = new String[3];
            int got = 0;
            long lineNo = 0;
            String line;
            while (got < 3 && (line = r.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) headers[got++] = line.replace("\"", "").replace("\uFEFF", "");
            }
            char sep = headers[0].indexOf('\t') >= 0 && headers[0].indexOf(',') < 0 ? '\t' : ',';
            String[] step = split(headers[1], sep), rec = split(headers[2], sep);
            int stepName = index(step, "step name"), stepId = index(step, "step id");
            int time = index(rec, "time"), volt = index(rec, "voltage"), cur = index(rec, "current"), cap = index(rec, "capacity");
            if (stepName < 0 || time < 0 || volt < 0 || cur < 0) {
                throw new InputException(src, "nested header", "Step Name at the step level; Time, Voltage and Current at the record level", headers[2]);
            }
            double vs = scale(src, rec[volt], new String[] {"v", "mv"}, new double[] {1, 1e-3}, 1, "voltage");
            double is = scale(src, rec[cur], new String[] {"a", "ma", "µa", "ua"}, new double[] {1, 1e-3, 1e-6, 1e-6}, Double.NaN, "current");
            double qs = cap < 0 ? 1 : scale(src, rec[cap], new String[] {"ah", "mah"}, new double[] {1000, 1}, Double.NaN, "capacity");
            double cycle = Double.NaN, offset = 0, lastStepTime = 0;
            int dir = Direction.NONE;
            boolean newStep = false;
            long records = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] f = split(line, sep);
                if (!f[0].isBlank()) { // a cycle row
                    cycle = number(src, lineNo, "Cycle ID", f[0]);
                } else if (f.length > 1 && !f[1].isBlank()) { // a step row
                    if (stepName >= f.length) throw new InputException(src, "line " + lineNo, "a step row with its Step Name", CyclerColumns.shown(List.of(f)));
                    dir = Direction.ofWord(f[stepName].strip().toUpperCase(Locale.ROOT));
                    if (dir == Direction.UNKNOWN) {
                        String n = f[stepName].strip().toUpperCase(Locale.ROOT);
                        dir = n.contains("SIM") || n.contains("PULSE") ? Direction.NONE : Direction.UNKNOWN;
                    }
                    if (dir == Direction.UNKNOWN) {
                        throw new InputException(src, "line " + lineNo + " Step Name", "a step of known direction (CC_Chg, CC_DChg, Rest, …)",
                                "'" + f[stepName].strip().replaceAll("\\p{Cntrl}", "?") + "'");
                    }
                    newStep = true;
                } else { // a record row
                    int need = Math.max(Math.max(time, volt), Math.max(cur, cap));
                    if (f.length <= need) throw new InputException(src, "line " + lineNo, "a record row of " + (need + 1) + " fields or more", f.length + " fields");
                    byte[] tb = f[time].strip().getBytes(StandardCharsets.ISO_8859_1);
                    double t = FastNumbers.clock(tb, 0, tb.length);
                    if (Double.isNaN(t)) t = number(src, lineNo, rec[time].strip(), f[time]); // seconds, as some exports write
                    if (newStep && records > 0) offset += lastStepTime;
                    newStep = false;
                    lastStepTime = t;
                    double i = number(src, lineNo, rec[cur].strip(), f[cur]) * is;
                    if (dir == Direction.CHARGE) i = Math.abs(i); else if (dir == Direction.DISCHARGE) i = -Math.abs(i);
                    double q = cap < 0 ? Double.NaN : Math.abs(number(src, lineNo, rec[cap].strip(), f[cap])) * qs;
                    double qc = Double.NaN, qd = Double.NaN;
                    if (dir == Direction.CHARGE) qc = q; else if (dir == Direction.DISCHARGE) qd = q;
                    sink.row(offset + t, number(src, lineNo, rec[volt].strip(), f[volt]) * vs, i, cycle, qc, qd, lineNo);
                    records++;
                }
            }
            if (records == 0) throw new InputException(src, "records", "record rows under the steps", "none");
            return "Neware nested CSV";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String[] split(String line, char sep) {
        return line.replace("\r", "").split(sep == '\t' ? "\t" : ",", -1);
    }

    private static int index(String[] names, String name) {
        for (int k = 0; k < names.length; k++) if (CyclerColumns.Name.of(names[k]).name().equals(name)) return k;
        return -1;
    }

    private static double scale(String src, String header, String[] units, double[] scales, double otherwise, String what) {
        String u = CyclerColumns.Name.of(header).unit();
        for (int k = 0; k < units.length; k++) if (units[k].equals(u)) return scales[k];
        if (u.isEmpty() && !Double.isNaN(otherwise)) return otherwise;
        throw new InputException(src, what + " unit", "a unit in the record header's '" + header.strip() + "' (" + String.join(", ", units) + ")",
                u.isEmpty() ? "none" : "'" + u + "'");
    }

    private static double number(String src, long line, String field, String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        double v = FastNumbers.general(b, 0, b.length);
        if (Double.isNaN(v)) {
            throw new InputException(src, "line " + line + " " + field, "a number", "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    .replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return v;
    }
}
