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
 * is a dropout when the nearest rows on both sides outside the run have a dead fraction lower by at
 * least {@link #MIN_CONTRAST}. A row of a blank cell between blank rows is therefore not a dropout.
 */
public final class ScanArtifacts {
    public static final double DEAD_MARGIN_DB = 6;
    public static final double MIN_DEAD = 0.9;
    public static final double MIN_CONTRAST = 0.3;
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
            int run = end - y + 1;
            if (run <= MAX_RUN && y > 0 && end < h - 1) {
                double minRun = 1;
                for (int k = y; k <= end; k++) minRun = Math.min(minRun, dead[k]);
                if (dead[y - 1] <= minRun - MIN_CONTRAST && dead[end + 1] <= minRun - MIN_CONTRAST) {
                    for (int k = y; k <= end; k++) rows.add(k);
                }
            }
            y = end + 1;
        }
        boolean[] m = new boolean[w * h];
        for (int r : rows) java.util.Arrays.fill(m, r * w, r * w + w, true);
        return new Dropouts(List.copyOf(rows), new Mask(w, h, m));
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
