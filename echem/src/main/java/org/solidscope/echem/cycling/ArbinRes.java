package org.solidscope.echem.cycling;

import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import com.healthmarketscience.jackcess.Row;
import com.healthmarketscience.jackcess.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.solidscope.core.InputException;

/**
 * Arbin's {@code .res} result files: an MS Access (Jet) database, read with Jackcess. The rows of a test are in
 * {@code Channel_Normal_Table}, one per data point: {@code Test_ID}, {@code Data_Point}, {@code Test_Time} (s),
 * {@code Step_Index}, {@code Cycle_Index}, {@code Current} (A), {@code Voltage} (V), {@code Charge_Capacity} and
 * {@code Discharge_Capacity} (Ah, counted per cycle), energies and more; {@code Global_Table} names each test. Rows are
 * taken in the order of their data point; a file that holds more than one test is refused, naming the tests.
 */
final class ArbinRes {
    private ArbinRes() {}

    private static final List<String> HEADER = List.of("Data_Point", "Test_Time", "Step_Index", "Cycle_Index", "Current", "Voltage",
            "Charge_Capacity", "Discharge_Capacity");

    /** Whether the first bytes are a Jet or ACE database's. */
    static boolean recognises(byte[] head, int got) {
        if (got < 19) return false;
        String id = new String(head, 4, 15, StandardCharsets.ISO_8859_1);
        return id.equals("Standard Jet DB") || id.equals("Standard ACE DB");
    }

    static String read(String src, Path file, CyclerFiles.RowSink sink) {
        CyclerColumns cols = CyclerColumns.find(src, HEADER, null); // Arbin's layout without units: s, A, V, Ah
        try (Database db = new DatabaseBuilder(file.toFile()).setReadOnly(true).open()) {
            if (!db.getTableNames().contains("Channel_Normal_Table")) {
                throw new InputException(src, "tables", "Arbin's Channel_Normal_Table", CyclerColumns.shown(List.copyOf(db.getTableNames())));
            }
            Table t = db.getTable("Channel_Normal_Table");
            for (String c : HEADER) {
                if (t.getColumn(c) == null) throw new InputException(src, "Channel_Normal_Table", "a column " + c, "none");
            }
            int n = t.getRowCount();
            // rows are sorted as (data point << 23 | storage index), and seven columns are held: checked before allocating
            if (n >= 1 << 23) throw new InputException(src, "Channel_Normal_Table", "fewer than 8,388,608 rows", String.valueOf(n));
            org.solidscope.core.MemoryBudget.require(src, "Channel_Normal_Table", n + " rows", org.solidscope.core.MemoryBudget.product(n, 7, 8));
            long[] order = new long[n];
            double[][] v = new double[6][n];
            long test = Long.MIN_VALUE;
            int k = 0;
            for (Row r : t) {
                if (k == n) throw new InputException(src, "Channel_Normal_Table", n + " rows as its header says", "more");
                long id = number(src, r, "Test_ID", k).longValue();
                if (test != Long.MIN_VALUE && id != test) {
                    throw new InputException(src, "Test_ID", "one test per file (export each test on its own)", "tests " + test + " and " + id);
                }
                test = id;
                long point = number(src, r, "Data_Point", k).longValue();
                if (point < 0 || point >= 1L << 40) throw new InputException(src, "row " + (k + 1) + " Data_Point", "a data point number", String.valueOf(point));
                order[k] = point << 23 | k; // sorted by data point, the storage order breaking ties
                v[0][k] = number(src, r, "Test_Time", k).doubleValue();
                v[1][k] = number(src, r, "Voltage", k).doubleValue();
                v[2][k] = number(src, r, "Current", k).doubleValue();
                v[3][k] = number(src, r, "Cycle_Index", k).doubleValue();
                v[4][k] = number(src, r, "Charge_Capacity", k).doubleValue();
                v[5][k] = number(src, r, "Discharge_Capacity", k).doubleValue();
                k++;
            }
            Arrays.sort(order, 0, k);
            for (int j = 0; j < k; j++) {
                int at = (int) (order[j] & ((1 << 23) - 1));
                CyclerFiles.emit(src, cols, sink, j + 1, v[0][at], v[1][at], v[2][at], v[3][at], v[4][at], v[5][at], Double.NaN, null);
            }
            return "Arbin res";
        } catch (IOException | RuntimeException e) {
            if (e instanceof InputException ie) throw ie;
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new InputException(src, "Access database", "a readable Arbin .res file", m.length() > 160 ? m.substring(0, 160) + "…" : m);
        }
    }

    private static Number number(String src, Map<String, Object> r, String column, int row) {
        Object o = r.get(column);
        if (o instanceof Number x) return x;
        throw new InputException(src, "row " + (row + 1) + " " + column, "a number", o == null ? "empty" : o.getClass().getSimpleName());
    }
}
