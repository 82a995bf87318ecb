package org.solidscope.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * Whether a text table ends with a whole row. A copy cut short ends inside its last line, and a number cut mid-way is
 * still a number ({@code -26.94} cut to {@code -26.} or {@code -26.9}), so a reader alone cannot see the cut. A file
 * whose last byte is a line feed is whole. Otherwise the last line is compared with the rows before it (up to
 * {@value #ROWS_COMPARED}, comments starting with {@code #} and blank lines skipped):
 * <ul>
 *   <li>it must have as many fields as one of them (fields split at tabs, else commas, else semicolons, else runs of
 *       spaces, as the row before it is split);</li>
 *   <li>its last field must be at least as long as the longest last field of those rows, length counted after the
 *       decimal point when there is one (exponent included), else in characters without a leading sign — instruments
 *       write a column in one format, so a shorter last value is a cut one (a last value that is text, not a number,
       is not compared).</li>
 * </ul>
 * A last line ended by a carriage return, or by a space after its last field in a space-separated table, is whole.
 * When there is no row before it to compare with, the file is refused: whether its last number is whole cannot be told.
 * The message says to end the file with a line feed when the row is whole.
 */
public final class LastRow {
    /** How many rows before the last one are compared with it. */
    public static final int ROWS_COMPARED = 20;
    /** How much of a file's end is read: rows longer than this are checked by the readers' own field counts. */
    static final int TAIL_BYTES = 256 * 1024;

    private LastRow() {}

    /** Refuses {@code file} (named {@code src} in messages) when its last row is cut short. */
    public static void requireWhole(String src, Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining() && ch.read(buf, size - n + buf.position()) >= 0) { }
            String why = check(buf.array(), 0, n, size == n);
            if (why != null) throw refusal(src, why, () -> linesOf(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Refuses a file held whole in {@code bytes[0, length)} when its last row is cut short. */
    public static void requireWhole(String src, byte[] bytes, int length) {
        String why = check(bytes, 0, length, true);
        if (why != null) throw refusal(src, why, () -> count(bytes, 0, length) + 1);
    }

    /** Refuses text held whole when its last row is cut short. */
    public static void requireWhole(String src, CharSequence text) {
        byte[] b = text.toString().getBytes(StandardCharsets.ISO_8859_1);
        requireWhole(src, b, b.length);
    }

    /**
     * Null when {@code b[from, to)} ends with a whole row, else "column|expected|found". {@code atStart}: whether
     * {@code from} is the start of the file (else the first, partial line is not used).
     */
    static String check(byte[] b, int from, int to, boolean atStart) {
        if (to == from || b[to - 1] == '\n') return null;
        int lastStart = to;
        while (lastStart > from && b[lastStart - 1] != '\n') lastStart--;
        String last = new String(b, lastStart, to - lastStart, StandardCharsets.ISO_8859_1);
        boolean endedByCr = last.endsWith("\r");
        last = strip(last);
        if (last.isBlank() || last.trim().startsWith("#")) return null;
        // the rows before the last one, nearest first
        String[] before = new String[ROWS_COMPARED];
        int got = 0, end = lastStart - 1;
        while (got < ROWS_COMPARED && end > from) {
            int start = end;
            while (start > from && b[start - 1] != '\n') start--;
            if (start == from && !atStart) break; // the tail began inside this line
            String line = strip(new String(b, start, end - start, StandardCharsets.ISO_8859_1));
            if (!line.isBlank() && !line.trim().startsWith("#")) before[got++] = line;
            end = start - 1;
        }
        String fix = "; end the file with a line feed if its last row is whole";
        if (got == 0) {
            return "1|a row before the last one to compare it with|no line feed at its end, so whether its last value is whole "
                    + "cannot be told" + fix;
        }
        char sep = separator(before[0]);
        String[] lastFields = fields(last, sep);
        int maxBefore = -1, sameWidth = 0;
        String longest = null;
        for (int i = 0; i < got; i++) {
            String[] f = fields(before[i], sep);
            if (f.length != lastFields.length) continue;
            sameWidth++;
            int len = valueLength(f[f.length - 1]);
            if (len > maxBefore) { maxBefore = len; longest = f[f.length - 1].trim(); }
        }
        if (sameWidth == 0) {
            return (lastFields.length + 1) + "|a whole row, as many fields as the row before it (" + fields(before[0], sep).length
                    + ")|" + lastFields.length + " fields and no line feed: the file ends inside a row (a copy cut short?)" + fix;
        }
        if (endedByCr || sep == ' ' && (last.endsWith(" ") || last.endsWith("\t"))) return null;
        String value = lastFields[lastFields.length - 1].trim();
        if (!value.isEmpty() && !isNumber(value) || valueLength(value) >= maxBefore) return null;
        return lastFields.length + "|its last value written as long as in the rows before it ('" + shown(longest) + "')|'"
                + shown(value) + "' and no line feed: the file ends inside a number (a copy cut short?)" + fix;
    }

    private static InputException refusal(String src, String why, LongSupplier lines) {
        String[] p = why.split("\\|", 3);
        return new InputException(src, "line " + lines.getAsLong() + ", field " + p[0], p[1], p[2]);
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static char separator(String line) {
        if (line.indexOf('\t') >= 0) return '\t';
        if (line.indexOf(',') >= 0) return ',';
        if (line.indexOf(';') >= 0) return ';';
        return ' ';
    }

    private static String[] fields(String line, char sep) {
        if (sep == ' ') return line.trim().split("[ \\t]+");
        return line.split(String.valueOf(sep), -1);
    }

    /** A value's written length: characters after the decimal point when there is one, else characters without a sign. */
    static int valueLength(String v) {
        String t = v.trim();
        int dot = t.indexOf('.');
        if (dot >= 0) return t.length() - dot;
        return t.startsWith("-") || t.startsWith("+") ? t.length() - 1 : t.length();
    }

    /** Text is not checked for length: a cut word is no wrong number, and the readers refuse it where they want a number. */
    private static boolean isNumber(String v) {
        return NUMBER_OR_ITS_START.matcher(v).matches();
    }

    /** A number, or what is left of one cut short ({@code -}, {@code 1.5E-}). */
    private static final Pattern NUMBER_OR_ITS_START = Pattern.compile("[-+]|[-+]?[0-9.]+([eE][-+]?[0-9]*)?");

    private static String shown(String v) {
        return InputException.excerpt(v);
    }

    private static long linesOf(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            long lines = 1;
            while (ch.read(buf) > 0) {
                buf.flip();
                lines += count(buf.array(), 0, buf.limit());
                buf.clear();
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static long count(byte[] b, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) if (b[i] == '\n') n++;
        return n;
    }
}
