package org.solidscope.ultrasound.sim;

import java.util.List;

/** Nominal outline of a pouch cell body (tabs excluded): length {@code widthMm} along x, {@code heightMm} across. */
public record CellDesign(String id, double widthMm, double heightMm) {
    /** The four cells of the seed study (battery-1 … battery-4). */
    public static final List<CellDesign> SEED_CELLS = List.of(
            new CellDesign("battery-1", 225, 98),
            new CellDesign("battery-2", 225, 135),
            new CellDesign("battery-3", 350, 100),
            new CellDesign("battery-4", 350, 100));
}
