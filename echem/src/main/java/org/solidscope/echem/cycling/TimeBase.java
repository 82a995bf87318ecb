package org.solidscope.echem.cycling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.solidscope.core.InputException;

/**
 * The unit of a time column whose header states none (Maccor's {@code TestTime} is written in seconds, minutes or hours as
 * the export was set up), decided from the file: values written as a clock ({@code h:mm:ss}, {@code Nd hh:mm:ss}) are
 * seconds; otherwise the span of the time column from the first to the last row is compared with the span of the row's
 * wall clock ({@code DPt Time}, {@code DateTime}, …): the unit is the one of s, min, h, d that the ratio of the two spans
 * lies within 5 % of, over a wall-clock span of at least 10 minutes. Anything else is refused, naming the column and the
 * mapping that settles it.
 */
final class TimeBase {
    private TimeBase() {}

    private static final double[] UNITS_S = {1, 60, 3600, 86400};

    /** The scale to seconds of the time column of a text table whose rows begin at {@code dataStart}. */
    static double decide(String src, Path file, byte[] head, int got, long dataStart, CyclerColumns cols, byte sep) {
        String[] first = firstRow(head, got, dataStart, sep);
        if (first == null) return 1; // no rows: nothing to scale
        String t0 = field(first, cols.time());
        byte[] tb = t0.getBytes(StandardCharsets.ISO_8859_1);
        if (Double.isNaN(FastNumbers.general(tb, 0, tb.length)) && !Double.isNaN(FastNumbers.clock(tb, 0, tb.length))) return 1;
        if (cols.wallClock() >= 0) {
            String[] last = lastRow(file, sep);
            if (last != null) {
                double dt = number(field(last, cols.time())) - number(t0);
                double dw = wallSeconds(field(last, cols.wallClock())) - wallSeconds(field(first, cols.wallClock()));
                if (dt > 0 && dw >= 600) {
                    for (int k = 0; k < UNITS_S.length; k++) {
                        if (Math.abs(dw / dt / UNITS_S[k] - 1) <= 0.05) return UNITS_S[k];
                    }
                }
                throw refused(src, cols, String.format("its span %.6g against %.6g s of the wall clock '%s' (no unit within 5 %%)", dt, dw,
                        cols.names().get(cols.wallClock()).strip()));
            }
        }
        throw refused(src, cols, "no unit, and no wall-clock column to tell it from");
    }

    private static InputException refused(String src, CyclerColumns cols, String found) {
        String name = cols.timeName().strip().replaceAll("\\p{Cntrl}", "?");
        return new InputException(src, "column '" + name + "' unit", "a time unit, given as --columns 'time=" + name + "[min]' (s, min, h)", found);
    }

    private static double number(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return FastNumbers.general(b, 0, b.length);
    }

    private static String field(String[] row, int k) {
        return k < row.length ? row[k].strip() : "";
    }

    private static String[] firstRow(byte[] head, int got, long dataStart, byte sep) {
        String rest = new String(head, (int) Math.min(dataStart, got), (int) Math.max(0, got - dataStart), StandardCharsets.ISO_8859_1);
        for (String line : rest.split("\n")) {
            if (!line.isBlank()) return line.replace("\r", "").split(Pattern.quote(String.valueOf((char) sep)), -1);
        }
        return null;
    }

    private static String[] lastRow(Path file, byte sep) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = (int) Math.min(size, 64 * 1024);
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf, size - n + buf.position()) >= 0) { }
            String[] lines = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1).split("\n");
            for (int k = lines.length - 1; k > 0; k--) { // lines[0] may be cut
                if (!lines[k].isBlank()) return lines[k].replace("\r", "").split(Pattern.quote(String.valueOf((char) sep)), -1);
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static final Pattern DATE = Pattern.compile(
            "(\\d{1,4})[/.-](\\d{1,2})[/.-](\\d{1,4})[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}(?:\\.\\d+)?))?\\s*([AaPp][Mm])?");

    /**
     * A wall-clock stamp as seconds on a common scale (NaN when not one): epoch seconds as a plain number, or a date and time
     * {@code y-m-d h:mm[:ss]}, {@code m/d/y h:mm[:ss] [AM|PM]} (day first when the first number cannot be a month).
     */
    static double wallSeconds(String s) {
        String v = s.replace("\"", "").strip();
        byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
        double x = FastNumbers.general(b, 0, b.length);
        if (!Double.isNaN(x)) return x > 1e8 ? x : Double.NaN;
        Matcher m = DATE.matcher(v);
        if (!m.matches()) return Double.NaN;
        int a = Integer.parseInt(m.group(1)), bb = Integer.parseInt(m.group(2)), c = Integer.parseInt(m.group(3));
        int year, month, day;
        if (m.group(1).length() == 4) { year = a; month = bb; day = c; }
        else if (a > 12) { day = a; month = bb; year = c; }
        else { month = a; day = bb; year = c; }
        if (year < 100) year += 2000;
        int hour = Integer.parseInt(m.group(4)), minute = Integer.parseInt(m.group(5));
        double sec = m.group(6) == null ? 0 : Double.parseDouble(m.group(6));
        if (m.group(7) != null) {
            boolean pm = Character.toUpperCase(m.group(7).charAt(0)) == 'P';
            if (hour == 12) hour = 0;
            if (pm) hour += 12;
        }
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return Double.NaN;
        try {
            return LocalDateTime.of(year, month, day, hour, minute).toEpochSecond(ZoneOffset.UTC) + sec;
        } catch (java.time.DateTimeException e) {
            return Double.NaN;
        }
    }
}
