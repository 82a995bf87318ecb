package org.solidscope.echem.cycling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.solidscope.core.InputException;

/**
 * Which column of a cycler's table holds what, found from its header row, with the unit each one is in:
 * time (s, or h/min by name; a clock {@code h:mm:ss} in the rows is read as such), voltage (V, mV), current (A, mA, µA — a current column whose unit the header does
 * not state is refused, since a factor of 1000 would go unnoticed), and where the file has them the cycle and
 * step indices and the instrument's own charge and discharge capacities (Ah, mAh). Vendor headers known:
 * Arbin ({@code Test_Time(s)}, {@code Current(A)}, {@code Voltage(V)}, {@code Cycle_Index}, {@code Step_Index},
 * {@code Charge_Capacity(Ah)}, {@code Discharge_Capacity(Ah)}), Maccor ({@code TestTime(s)}, {@code Amps},
 * {@code Volts}, {@code Cyc#}, {@code Step}), Neware ({@code Total Time}, {@code Current(mA)}, {@code Voltage(V)},
 * {@code Cycle ID}, {@code Step ID}), BioLogic text ({@code time/s}, {@code Ewe/V}, {@code I/mA}, {@code cycle number},
 * {@code Ns}); others through an explicit mapping {@code time=Col A,voltage=Col B,current=Col C[mA]}.
 */
public record CyclerColumns(int time, double timeScaleS, int voltage, double voltageScaleV, int current, double currentScaleA,
                            int cycle, int step, int chargeCapacity, int dischargeCapacity, double capacityScaleMah, String vendor) {

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
        List<String> norm = new ArrayList<>();
        for (String h : header) norm.add(h.strip().replace("\"", "").toLowerCase(Locale.ROOT));
        int t = pick(norm, given.get("time"), "test_time(s)", "testtime(s)", "test time (s)", "time/s", "total time", "time(s)", "time [s]", "time_s", "time");
        int v = pick(norm, given.get("voltage"), "voltage(v)", "volts", "ewe/v", "voltage [v]", "voltage_v", "voltage", "ecell/v", "potential(v)");
        int i = pick(norm, given.get("current"), "current(a)", "amps", "current(ma)", "i/ma", "<i>/ma", "current [a]", "current [ma]", "current_a", "current_ma", "current");
        if (t < 0 || v < 0 || i < 0) {
            throw new InputException(src, "columns", "time, voltage and current columns (Arbin, Maccor, Neware or BioLogic names, or --columns time=…,voltage=…,current=…)",
                    shown(header));
        }
        double ts = unitScale(norm.get(t), given.get("time"), Map.of("(h)", 3600.0, "/h", 3600.0, "[h]", 3600.0, "(min)", 60.0, "[min]", 60.0), 1);
        double vs = unitScale(norm.get(v), given.get("voltage"), Map.of("(mv)", 1e-3, "/mv", 1e-3, "[mv]", 1e-3), 1);
        String cur = given.getOrDefault("current", norm.get(i)).toLowerCase(Locale.ROOT);
        double is;
        if (cur.contains("ma") && !cur.contains("amps")) is = 1e-3;
        else if (cur.contains("µa") || cur.contains("ua")) is = 1e-6;
        else if (cur.contains("(a)") || cur.contains("[a]") || cur.endsWith("/a") || cur.equals("amps") || cur.endsWith("_a") || cur.endsWith("[a]")) is = 1;
        else throw new InputException(src, "current unit", "a unit in the current column's name (A, mA, µA) or in --columns (current=Name[mA])", "'" + header.get(i).strip() + "'");
        int c = pick(norm, given.get("cycle"), "cycle_index", "cyc#", "cycle id", "cycle number", "cycle");
        int s = pick(norm, given.get("step"), "step_index", "step", "step id", "ns");
        int qc = pick(norm, given.get("charge_capacity"), "charge_capacity(ah)", "q charge/ma.h", "charge capacity(mah)", "chg. cap.(mah)");
        int qd = pick(norm, given.get("discharge_capacity"), "discharge_capacity(ah)", "q discharge/ma.h", "discharge capacity(mah)", "dchg. cap.(mah)");
        double qs = qc >= 0 && norm.get(qc).contains("(ah)") ? 1000 : 1;
        String vendor = norm.contains("test_time(s)") ? "Arbin" : norm.contains("testtime(s)") ? "Maccor" : norm.contains("total time") ? "Neware"
                : norm.contains("time/s") ? "BioLogic" : "mapped";
        return new CyclerColumns(t, ts, v, vs, i, is, c, s, qc, qd, qs, vendor);
    }

    private static int pick(List<String> norm, String given, String... names) {
        if (given != null) { // the name as given, else without a trailing [unit] the user added
            int k = norm.indexOf(given.strip().toLowerCase(Locale.ROOT));
            if (k < 0) k = norm.indexOf(given.replaceAll("\\[[^\\]]*\\]$", "").strip().toLowerCase(Locale.ROOT));
            return k; // a name the user gave and the file lacks is caught by the caller as a missing column
        }
        for (String n : names) {
            int k = norm.indexOf(n);
            if (k >= 0) return k;
        }
        return -1;
    }

    private static double unitScale(String name, String given, Map<String, Double> units, double otherwise) {
        String s = (given != null ? given : name).toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Double> e : units.entrySet()) if (s.contains(e.getKey())) return e.getValue();
        return otherwise;
    }

    /** A header shown in a message: at most 12 names, control characters as '?'. */
    static String shown(List<String> header) {
        List<String> h = header.size() > 12 ? header.subList(0, 12) : header;
        return h.toString().replaceAll("\\p{Cntrl}", "?") + (header.size() > 12 ? " …" : "");
    }
}
