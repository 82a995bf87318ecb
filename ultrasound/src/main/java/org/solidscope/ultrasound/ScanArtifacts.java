package org.solidscope.ultrasound;

import java.util.ArrayList;
import java.util.List;
import org.solidscope.core.Mask;

/**
 * Finds scan-line dropouts: rows (lines along the fast scan axis x) where the instrument recorded
 * no signal, an instrument artefact that must never count against the cell.
 *
 * <p>Rule: a point is "dead" when its level is within {@link #DEAD_MARGIN_DB} of the noise floor.
 * A run of at most {@link #MAX_RUN} consecutive rows, each with a dead fraction ≥ {@link #MIN_DEAD},
 * is a dropout when, at the points where the rows just above and below the run are alive (at least
 * {@link #MIN_ALIVE_FRACTION} of a row), the run is dead at ≥ {@link #MIN_DEAD} of them. Through a
 * blank cell the bright surround still shows the dropout; a blank row between blank rows is never one.
 */
public final class ScanArtifacts {
    public static final double DEAD_MARGIN_DB = 6;
    public static final double MIN_DEAD = 0.9;
    public static final double MIN_ALIVE_FRACTION = 0.05;
    public static final int MAX_RUN = 3;

    private ScanArtifacts() {}

    /** Rows found and their mask. */
    public record Dropouts(List<Integer> rows, Mask mask) {}

    public static Dropouts find(TransmissionDb t) {
        int w = t.db().width(), h = t.db().height();
        float[] db = t.db().values();
        boolean[] sat = t.saturated().bits();
        double deadLevel = t.noiseFloorDb() + DEAD_MARGIN_DB;
        double[] dead = new double[h];
        for (int y = 0; y < h; y++) {
            int n = 0;
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!sat[i] && db[i] <= deadLevel) n++;
            }
            dead[y] = (double) n / w;
        }
        List<Integer> rows = new ArrayList<>();
        int y = 0;
        while (y < h) {
            if (dead[y] < MIN_DEAD) { y++; continue; }
            int end = y;
            while (end + 1 < h && dead[end + 1] >= MIN_DEAD) end++;
            if (end - y + 1 <= MAX_RUN && y > 0 && end < h - 1 && isolated(db, sat, w, y, end, deadLevel)) {
                for (int k = y; k <= end; k++) rows.add(k);
            }
            y = end + 1;
        }
        boolean[] m = new boolean[w * h];
        for (int r : rows) java.util.Arrays.fill(m, r * w, r * w + w, true);
        return new Dropouts(List.copyOf(rows), new Mask(w, h, m));
    }

    /**
     * True when the run [y0, y1] is dead where the rows just outside it are alive on both sides, at
     * enough points ({@link #MIN_ALIVE_FRACTION} of the row) to tell.
     */
    private static boolean isolated(float[] db, boolean[] sat, int w, int y0, int y1, double deadLevel) {
        int alive = 0, deadInside = 0;
        for (int x = 0; x < w; x++) {
            if (!alive(db, sat, (y0 - 1) * w + x, deadLevel) || !alive(db, sat, (y1 + 1) * w + x, deadLevel)) continue;
            alive++;
            boolean allDead = true;
            for (int k = y0; k <= y1; k++) allDead &= !alive(db, sat, k * w + x, deadLevel);
            if (allDead) deadInside++;
        }
        return alive >= MIN_ALIVE_FRACTION * w && deadInside >= MIN_DEAD * alive;
    }

    private static boolean alive(float[] db, boolean[] sat, int i, double deadLevel) {
        return sat[i] || db[i] > deadLevel;
    }

    /**
     * Copy of {@code db} with dropout rows filled by linear interpolation between the nearest good
     * rows above and below, for segmentation only (metrics never use filled values).
     */
    public static float[] fillRows(float[] db, int w, int h, List<Integer> rows) {
        float[] out = db.clone();
        if (rows.isEmpty()) return out;
        boolean[] bad = new boolean[h];
        for (int r : rows) bad[r] = true;
        for (int r : rows) {
            int a = r - 1, b = r + 1;
            while (a >= 0 && bad[a]) a--;
            while (b < h && bad[b]) b++;
            for (int x = 0; x < w; x++) {
                float va = a >= 0 ? db[a * w + x] : Float.NaN, vb = b < h ? db[b * w + x] : Float.NaN;
                float v;
                if (a < 0) v = vb;
                else if (b >= h) v = va;
                else if (Float.isNaN(va)) v = vb;
                else if (Float.isNaN(vb)) v = va;
                else v = va + (vb - va) * (float) (r - a) / (b - a);
                out[r * w + x] = v;
            }
        }
        return out;
    }
}
