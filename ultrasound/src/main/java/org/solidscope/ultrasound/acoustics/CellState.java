package org.solidscope.ultrasound.acoustics;

/**
 * What fills a cell's pores and gaps at one process stage.
 *
 * @param poreFiller       material in the pores of porous layers
 * @param poreGasFraction  fraction of the pore volume taken by gas instead (0–1)
 * @param gapUm            thickness of the gas gap at the stack's gap site
 */
public record CellState(String label, String poreFiller, double poreGasFraction, double gapUm) {
    public CellState {
        if (!(poreGasFraction >= 0 && poreGasFraction <= 1)) throw new IllegalArgumentException("poreGasFraction in [0, 1]");
        if (!(gapUm >= 0)) throw new IllegalArgumentException("gapUm ≥ 0");
    }

    /** Pores filled with the liquid precursor, no gap. */
    public static CellState infiltrated() { return new CellState("infiltrated", "liquid_precursor", 0, 0); }

    /** Precursor polymerised; a shrinkage gap of {@code gapUm} filled with gas. */
    public static CellState solidified(double gapUm) { return new CellState("solidified", "polymer_electrolyte", 0, gapUm); }

    /** Anode expansion has closed the gap down to {@code residualGapUm}. */
    public static CellState formed(double residualGapUm) { return new CellState("formed", "polymer_electrolyte", 0, residualGapUm); }


    public CellState withPoreGasFraction(double g) { return new CellState(label, poreFiller, g, gapUm); }
}
