package org.solidscope.ultrasound.sim;

import org.solidscope.core.GridGeometry;

/**
 * The physical state of a scanned area on a grid finer than the scan step (see
 * {@link ScanSimulator#SUPERSAMPLE}): what lies in the beam, before any acoustics.
 *
 * @param cellCoverage        1 where the cell body is, else 0
 * @param tabCoverage         1 where a tab is, else 0
 * @param matrixAmplitude     the cell's matrix amplitude transmission there (cell-covered part)
 * @param gasGapUm            effective gas-gap thickness in the cell there, µm
 * @param surroundTransmission amplitude transmission where neither cell nor tab is: 1 through open
 *                            coupling fluid, 0 where a holder blocks the beam
 * @param tabTransmission     amplitude transmission through a tab
 */
public record PhysicalState(GridGeometry geometry, float[] cellCoverage, float[] tabCoverage, float[] matrixAmplitude,
                            float[] gasGapUm, double surroundTransmission, double tabTransmission) {}
