package org.solidscope.core.record;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.solidscope.core.InputException;

/**
 * A state of a cell in its life, by name: the process stages {@code infiltration},
 * {@code solidification}, {@code formation}; the electrochemical states {@code pristine} (assembled,
 * before its first charge), {@code charged_<x>} and {@code discharged_<x>} (x the state of charge
 * reached, 0–100 %), {@code cycle_<n>} (after n cycles). A timeline lists states in life order:
 * infiltration, solidification, pristine, formation, charged/discharged, cycle 1, 2, …
 *
 * @param order sorts states in life order
 */
public record CellState(String name, Kind kind, double order) {
    public enum Kind { PROCESS, ELECTROCHEMICAL }

    public static final String GRAMMAR = "infiltration, solidification, formation, pristine, charged_<0-100>, discharged_<0-100> or cycle_<n>";

    static final Pattern SOC = Pattern.compile("(charged|discharged)_(\\d{1,3})");
    static final Pattern CYCLE = Pattern.compile("cycle_(\\d{1,6})");

    public static final CellState INFILTRATION = new CellState("infiltration", Kind.PROCESS, 100);
    public static final CellState SOLIDIFICATION = new CellState("solidification", Kind.PROCESS, 200);
    public static final CellState PRISTINE = new CellState("pristine", Kind.ELECTROCHEMICAL, 300);
    public static final CellState FORMATION = new CellState("formation", Kind.PROCESS, 400);

    /** Parses a state name (case-insensitive); throws naming {@code source} for one that does not exist. */
    public static CellState parse(String source, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "infiltration": return INFILTRATION;
            case "solidification": return SOLIDIFICATION;
            case "pristine": return PRISTINE;
            case "formation": return FORMATION;
            default: break;
        }
        Matcher m = SOC.matcher(t);
        if (m.matches()) {
            int x = Integer.parseInt(m.group(2));
            if (x <= 100) {
                // within one cycle: charging up to x %, then discharging down to x %
                return new CellState(t, Kind.ELECTROCHEMICAL, m.group(1).equals("charged") ? 500 + x / 1000.0 : 600 + (100 - x) / 1000.0);
            }
        }
        m = CYCLE.matcher(t);
        if (m.matches()) return new CellState(t, Kind.ELECTROCHEMICAL, 1000 + Integer.parseInt(m.group(1)));
        throw new InputException(source, "state", GRAMMAR, "'" + text + "'");
    }

    /** Whether {@code text} names a state. */
    public static boolean isName(String text) {
        try {
            parse("", text);
            return true;
        } catch (InputException e) {
            return false;
        }
    }
}
