package org.solidscope.ultrasound.acoustics;

import org.solidscope.core.materials.AcousticMaterial;

/**
 * One layer of a stack. Either a plain material, or a porous layer: a solid {@code skeleton} whose
 * pores ({@code porosity}, volume fraction) hold the stage's pore filler (see {@link CellState}).
 * {@code gapSite}: the gas gap of a solidified cell opens right after this layer.
 */
public record Layer(String label, AcousticMaterial material, AcousticMaterial skeleton, double porosity,
                    double thicknessUm, boolean gapSite) {
    public boolean porous() { return skeleton != null; }
}
