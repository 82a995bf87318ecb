package org.solidscope.echem.cycling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.solidscope.core.InputException;

/**
 * Which column of a cycler's table holds what, found from its header row, with the unit each one is in.
 *
 * <p>Each header cell is split into a name and a unit: a trailing {@code (unit)} or {@code [unit]}, or BioLogic's
 * {@code name/unit} when the part after the slash is a unit; underscores count as spaces. The names looked for, in order
 * of preference: time — the test's clock ({@code Test_Time}, {@code TestTime}, {@code Test (Sec)}, {@code Total Time},
 * {@code Cumulative Time}, {@code time/s}; a plain {@code Time} only when none of those is there, since Neware's
 * {@code Time} is the step's clock); voltage ({@code Voltage}, {@code Volts}, {@code Ewe}, {@code Ecell},
 * {@code Potential}); current ({@code Current}, {@code Amps}, {@code I}, {@code <I>}); cycle ({@code Cycle_Index},
 * {@code Cyc#}, Maccor's {@code Cycle C}, {@code Cycle ID}, {@code cycle number}); the instrument's charge and discharge
 * capacity counters ({@code Charge_Capacity}, {@code Chg. Cap.}, {@code Q charge}, …, in Ah, mAh or µAh), or one
 * capacity counter for both (Maccor's {@code Amp-hr} or {@code Cap. [Ah]}, Neware's {@code Capacity(Ah)}) that the
 * direction of each row assigns; the direction of the current when the instrument writes it unsigned (Maccor's
 * {@code Md} or {@code State}: C, D, R; Neware's {@code Step Type}: CC Chg, CC DChg, Rest); a wall clock (Maccor's
 * {@code DPt Time}, {@code DateTime}, {@code Date}) from which a time column without a unit gets its unit.
 *
 * <p>Units: a unit the header states is used. Where it states none, only a layout that fixes it settles it: Arbin's
 * export without units ({@code Test_Time}, {@code Current}, … beside {@code Data_Point} or {@code Step_Index}: s, A, V,
 * Ah), Maccor's {@code Amps}, {@code Volts}, {@code Amp-hr} (A, V, Ah). A current column without a unit is refused (a
 * factor of 1,000 would pass unnoticed); a time column without one gets {@link #timeScaleS()} NaN, to be decided from
 * the rows (a clock {@code h:mm:ss}, or the wall clock) or refused. An explicit mapping
 * {@code time=Col A[min],voltage=Col B,current=Col C[mA]} names any column and unit.
 */
public record CyclerColumns(int time, double timeScaleS, int voltage, double voltageScaleV, int current, double currentScaleA,
                            int cycle, int step, int chargeCapacity, int dischargeCapacity, double chargeScaleMah, double dischargeScaleMah, int stepCapacity,
                            double stepCapacityScaleMah, int direction, int wallClock, List<String> names, String vendor) {

    public CyclerColumns {
        names = List.copyOf(names);
    }

    /** The header cell of the time column as written (for messages). */
    public String timeName() {
        return names.get(time);
    }

    /** The same columns with the time unit decided. */
    CyclerColumns withTimeScale(double scaleS) {
        return new CyclerColumns(time, scaleS, voltage, voltageScaleV, current, currentScaleA, cycle, step, chargeCapacity, dischargeCapacity,
                chargeScaleMah, dischargeScaleMah, stepCapacity, stepCapacityScaleMah, direction, wallClock, names, vendor);
    }

    /** The largest column index any needed quantity is in. */
    int lastNeeded() {
        int need = 0;
        for (int w : new int[] {time, voltage, current, cycle, chargeCapacity, dischargeCapacity, stepCapacity, direction}) need = Math.max(need, w);
        return need;
    }

    private static final Map<String, Double> TIME_UNITS = units("s sec secs second seconds", 1, "ms", 1e-3, "min mins minute minutes", 60,
            "h hr hrs hour hours", 3600, "d day days", 86400);
    private static final Map<String, Double> VOLT_UNITS = units("v volt volts", 1, "mv", 1e-3, "µv uv μv", 1e-6);
    private static final Map<String, Double> CURRENT_UNITS = units("a amp amps", 1, "ma", 1e-3, "µa ua μa", 1e-6, "na", 1e-9);
    private static final Map<String, Double> CAPACITY_UNITS = units("ah a.h a·h amp-hr", 1000, "mah ma.h ma·h", 1, "µah uah μah µa.h ua.h μa.h", 1e-3);

    private static Map<String, Double> units(Object... namesAndScales) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < namesAndScales.length; k += 2) {
            for (String n : ((String) namesAndScales[k]).split(" ")) m.put(n, ((Number) namesAndScales[k + 1]).doubleValue());
        }
        return Map.copyOf(m);
    }

    /** A header cell as a lower-case name (underscores as spaces) and its unit ("" when it states none). */
    record Name(String name, String unit) {
        static Name of(String raw) {
            String s = raw.replace("\uFEFF", "").replace("\"", "").strip().toLowerCase(Locale.ROOT);
            String unit = "";
            int open;
            if (s.endsWith(")") && (open = s.lastIndexOf('(')) > 0) {
                unit = s.substring(open + 1, s.length() - 1).strip();
                s = s.substring(0, open);
            } else if (s.endsWith("]") && (open = s.lastIndexOf('[')) > 0) {
                unit = s.substring(open + 1, s.length() - 1).strip();
                s = s.substring(0, open);
            } else if ((open = s.lastIndexOf('/')) > 0 && isUnit(s.substring(open + 1).strip())) {
                unit = s.substring(open + 1).strip();
                s = s.substring(0, open);
            }
            return new Name(s.replace('_', ' ').replaceAll("\\s+", " ").strip(), unit);
        }

        private static boolean isUnit(String u) {
            return TIME_UNITS.containsKey(u) || VOLT_UNITS.containsKey(u) || CURRENT_UNITS.containsKey(u) || CAPACITY_UNITS.containsKey(u);
        }
    }

    private static final String[] TEST_CLOCK = {"test time", "testtime", "total time", "cumulative time"};
    private static final String[] VOLTAGE = {"voltage", "volts", "ewe", "<ewe>", "ecell", "potential", "cell potential"};
    private static final String[] CURRENT = {"current", "amps", "i", "<i>", "amp"};
    private static final String[] CYCLE = {"cycle index", "cyc#", "cycle c", "cycle id", "cycle number", "cycle"};
    private static final String[] STEP = {"step index", "step", "step id", "ns", "step number"};
    private static final String[] CHARGE = {"charge capacity", "chg. cap.", "chg cap", "q charge", "charge cap.", "charge cap"};
    private static final String[] DISCHARGE = {"discharge capacity", "dchg. cap.", "dchg cap", "q discharge", "discharge cap.", "discharge cap",
            "dischg. cap.", "dis. cap."};
    private static final String[] STEP_CAPACITY = {"amp-hr", "cap.", "capacity", "cap"};
    private static final String[] DIRECTION = {"md", "state", "step type"};
    private static final String[] WALL = {"dpt time", "datetime", "date time", "date", "real time", "timestamp", "abs time", "system time"};

    /** Finds the columns in {@code header}; {@code mapping} (may be null) names them explicitly. */
    public static CyclerColumns find(String src, List<String> header, String mapping) {
        Map<String, String> given = new LinkedHashMap<>();
        if (mapping != null) {
            for (String kv : mapping.split(",")) {
                String[] p = kv.split("=", 2);
                if (p.length != 2) throw new InputException("--columns", "columns", "quantity=column pairs (time=..., voltage=..., current=...[mA])", "'" + kv + "'");
                given.put(p[0].strip().toLowerCase(Locale.ROOT), p[1].strip());
            }
        }
        List<Name> names = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        for (String h : header) {
            names.add(Name.of(h));
            raw.add(h.replace("\uFEFF", "").replace("\"", "").strip().toLowerCase(Locale.ROOT));
        }
        int t = pick(names, raw, given.get("time"), null, TEST_CLOCK);
        if (t < 0 && given.get("time") == null) t = pick(names, raw, null, TIME_UNITS, "test"); // Maccor's "Test (Sec)"; PEC's "Test" is an id
        if (t < 0 && given.get("time") == null) t = pick(names, raw, null, null, "elapsed time", "time");
        int v = pick(names, raw, given.get("voltage"), null, VOLTAGE);
        int i = pick(names, raw, given.get("current"), null, CURRENT);
        if (t < 0 || v < 0 || i < 0) {
            throw new InputException(src, "columns", "time, voltage and current columns (Arbin, Maccor, Neware, PEC or BioLogic names, "
                    + "or --columns time=…,voltage=…,current=…)", shown(header));
        }
        boolean arbinPlain = names.get(t).name().equals("test time") && names.get(t).unit().isEmpty() && raw.get(t).contains("_")
                && (has(names, "data point") || has(names, "step index") || has(names, "cycle index"));
        double ts = scale(TIME_UNITS, given.get("time"), names.get(t), arbinPlain ? 1.0 : Double.NaN);
        if (ts == 0) throw unitRefused(src, "time unit", header.get(t), "s, min or h", "time");
        double vs = scale(VOLT_UNITS, given.get("voltage"), names.get(v), 1.0);
        if (vs == 0) throw unitRefused(src, "voltage unit", header.get(v), "V or mV", "voltage");
        double is = scale(CURRENT_UNITS, given.get("current"), names.get(i), arbinPlain ? 1.0 : Double.NaN);
        if (!(is > 0)) throw unitRefused(src, "current unit", header.get(i), "A, mA or µA", "current");
        int c = pick(names, raw, given.get("cycle"), null, CYCLE);
        int s = pick(names, raw, given.get("step"), null, STEP);
        // a capacity column counts only with a capacity unit, except in Arbin's plain layout, whose capacities are in Ah
        Map<String, Double> capacityUnits = arbinPlain ? null : CAPACITY_UNITS;
        int qc = pick(names, raw, given.get("charge_capacity"), capacityUnits, CHARGE);
        int qd = pick(names, raw, given.get("discharge_capacity"), capacityUnits, DISCHARGE);
        double qcs = qc < 0 ? 1 : scale(CAPACITY_UNITS, given.get("charge_capacity"), names.get(qc), arbinPlain ? 1000 : Double.NaN);
        double qds = qd < 0 ? 1 : scale(CAPACITY_UNITS, given.get("discharge_capacity"), names.get(qd), arbinPlain ? 1000 : Double.NaN);
        int qs = -1;
        double qss = 1;
        if (qc < 0 && qd < 0) { // one counter for both (Maccor's Amp-hr, which names its unit, or Cap. [Ah])
            qs = pick(names, raw, given.get("capacity"), null, STEP_CAPACITY);
            if (qs >= 0) {
                qss = scale(CAPACITY_UNITS, given.get("capacity"), names.get(qs), Double.NaN);
                if (!(qss > 0)) qs = -1;
            }
        }
        if (qc >= 0 && !(qcs > 0)) qc = -1;
        if (qd >= 0 && !(qds > 0)) qd = -1;
        int dir = pick(names, raw, given.get("direction"), null, DIRECTION);
        int wall = pick(names, raw, null, null, WALL);
        String vendor = vendor(names, raw, t, arbinPlain);
        return new CyclerColumns(t, ts, v, vs, i, is, c, s, qc, qd, qcs, qds, qs, qss, dir, wall, header, vendor);
    }

    private static String vendor(List<Name> names, List<String> raw, int t, boolean arbinPlain) {
        if (arbinPlain || raw.get(t).startsWith("test_time")) return "Arbin";
        if (has(names, "rec#") || has(names, "rec") && has(names, "md") || has(names, "dpt time") && has(names, "amps")) return "Maccor";
        if (has(names, "cumulative time") || has(names, "step type") || has(names, "total time") && has(names, "cycle id")) return "Neware";
        if (has(names, "load on time") || has(names, "position start time")) return "PEC";
        if (raw.get(t).equals("time/s") || has(names, "ewe")) return "BioLogic";
        return "mapped";
    }

    private static boolean has(List<Name> names, String name) {
        for (Name n : names) if (n.name().equals(name)) return true;
        return false;
    }

    /**
     * The unit's scale: from the mapping's {@code [unit]}, else from the header's unit, else {@code otherwise} (NaN: not
     * decided). 0 when a unit is stated but unknown.
     */
    private static double scale(Map<String, Double> units, String given, Name name, double otherwise) {
        if (given != null && given.strip().endsWith("]") && given.indexOf('[') >= 0) {
            String u = given.substring(given.lastIndexOf('[') + 1, given.strip().length() - 1).strip().toLowerCase(Locale.ROOT);
            Double k = units.get(u);
            return k == null ? 0 : k;
        }
        if (name.unit().isEmpty()) {
            Double k = units.get(name.name()); // Maccor's "Amps", "Volts": the name is the unit
            return k != null ? k : otherwise;
        }
        Double k = units.get(name.unit());
        return k == null ? 0 : k;
    }

    private static InputException unitRefused(String src, String field, String headerCell, String units, String quantity) {
        return new InputException(src, field, "a unit in the " + quantity + " column's name (" + units + ") or in --columns ("
                + quantity + "=Name[unit])", "'" + headerCell.strip().replaceAll("\\p{Cntrl}", "?") + "'");
    }

    /**
     * The column for a quantity: the one the mapping names (as given, else without a trailing [unit] the user added), else the
     * first of {@code names} present, taking a column only when its unit is one of {@code units} (when not null).
     */
    private static int pick(List<Name> header, List<String> raw, String given, Map<String, Double> units, String... names) {
        if (given != null) {
            String g = given.strip().toLowerCase(Locale.ROOT);
            int k = raw.indexOf(g);
            if (k < 0) k = raw.indexOf(g.replaceAll("\\[[^\\]]*\\]$", "").strip());
            return k; // a name the user gave and the file lacks is caught by the caller as a missing column
        }
        for (String n : names) {
            for (int k = 0; k < header.size(); k++) {
                Name h = header.get(k);
                if (h.name().equals(n) && (units == null || units.containsKey(h.unit()))) return k;
            }
        }
        return -1;
    }

    /** A header shown in a message: at most 12 names of at most 30 characters, 200 in all, bytes outside printable ASCII as '?'. */
    static String shown(List<String> header) {
        List<String> h = new ArrayList<>();
        for (String n : header.size() > 12 ? header.subList(0, 12) : header) {
            String p = n.replaceAll("[^\\x20-\\x7e\\u00b5\\u03bc]", "?");
            h.add(p.length() > 30 ? p.substring(0, 30) + "…" : p);
        }
        String s = h + (header.size() > 12 ? " …" : "");
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
