package org.solidscope.ultrasound.sim;

import org.solidscope.io.CscanGrid;

/**
 * One simulated stage scan: the C-scan as the instrument displays it, the physical state and noise-free
 * transmission behind it, and its ground truth.
 *
 * @param transmission noise-free, unblurred amplitude transmission per point (model output)
 * @param cleanSignal  noise-free displayed signal, percent FSH before clipping (for A-scan synthesis)
 */
public record SimulatedScan(CscanGrid scan, PhysicalState state, float[] transmission, float[] cleanSignal,
                            InstrumentSettings instrument, GroundTruth truth) {}
