package org.solidscope.tomo;

import java.util.ArrayList;
import java.util.List;

/**
 * A structuring element given row by row: for each (dz, dy) it covers dx ∈ [−w, w]. A ball of radius r
 * holds the offsets with dx² + dy² + dz² ≤ r² (scikit-image's {@code ball(r)}); a cube of radius r all
 * offsets with |dx|, |dy|, |dz| ≤ r.
 */
public record Structure(String name, int radius, int[][] rows) {
    /** @return rows as {dz, dy, w} */
    public static Structure ball(int r) {
        List<int[]> l = new ArrayList<>();
        for (int dz = -r; dz <= r; dz++) {
            for (int dy = -r; dy <= r; dy++) {
                int rem = r * r - dz * dz - dy * dy;
                if (rem < 0) continue;
                l.add(new int[] {dz, dy, (int) Math.floor(Math.sqrt(rem))});
            }
        }
        return new Structure("ball(" + r + ")", r, l.toArray(int[][]::new));
    }

    public static Structure cube(int r) {
        List<int[]> l = new ArrayList<>();
        for (int dz = -r; dz <= r; dz++) for (int dy = -r; dy <= r; dy++) l.add(new int[] {dz, dy, r});
        return new Structure("cube(" + r + ")", r, l.toArray(int[][]::new));
    }

    public boolean contains(int dx, int dy, int dz) {
        for (int[] row : rows) if (row[0] == dz && row[1] == dy) return Math.abs(dx) <= row[2];
        return false;
    }

    /** Distinct half-widths in use. */
    int[] widths() {
        return java.util.Arrays.stream(rows).mapToInt(r -> r[2]).distinct().sorted().toArray();
    }
}
