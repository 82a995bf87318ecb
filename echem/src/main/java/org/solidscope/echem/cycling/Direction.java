package org.solidscope.echem.cycling;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The direction of the current as a cycler writes it beside an unsigned current: Maccor's mode letters ({@code C} charge,
 * {@code D} discharge, {@code R} rest; {@code S} and {@code O} carry no direction) and Neware's step types ({@code CC Chg},
 * {@code CCCV Chg}, {@code CC DChg}, {@code CP DChg}, {@code Rest}). Anything else is {@link #UNKNOWN}: the reader refuses
 * the row rather than guess a sign.
 */
final class Direction {
    private Direction() {}

    static final int CHARGE = 1, DISCHARGE = -1, REST = 0, NONE = 2, UNKNOWN = 3;

    /** The direction written in {@code b[from, to)}; {@link #NONE} for an empty field. */
    static int of(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '"')) from++;
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '"' || b[to - 1] == '\r')) to--;
        if (from == to) return NONE;
        if (to - from == 1) {
            return switch (b[from]) {
                case 'C', 'c' -> CHARGE;
                case 'D', 'd' -> DISCHARGE;
                case 'R', 'r', 'S', 's', 'O', 'o' -> REST;
                default -> UNKNOWN;
            };
        }
        return ofWord(new String(b, from, to - from, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT));
    }

    static int ofWord(String w) {
        if (w.contains("DCHG") || w.contains("DISCHARGE") || w.contains("DCH")) return DISCHARGE;
        if (w.contains("CHG") || w.contains("CHARGE")) return CHARGE;
        if (w.contains("REST") || w.contains("OCV") || w.contains("PAUSE")) return REST;
        return UNKNOWN;
    }

    /** The text of field {@code column} of the line starting at {@code lineStart}, at most 40 characters, control bytes escaped. */
    static String shown(byte[] b, int lineStart, int len, byte sep, int column) {
        int pos = lineStart;
        for (int k = 0; k < column && pos < len; k++) pos = FastNumbers.skip(b, pos, len, sep) + 1;
        int end = Math.min(len, FastNumbers.skip(b, pos, len, sep));
        StringBuilder s = new StringBuilder();
        for (int k = pos; k < end && s.length() < 40; k++) {
            int x = b[k] & 0xff;
            if (x < 0x20 || x == 0x7f) s.append(String.format("\\x%02x", x)); else s.append((char) x);
        }
        return s.toString();
    }
}
