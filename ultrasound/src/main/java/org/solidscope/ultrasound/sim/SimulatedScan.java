package org.solidscope.ultrasound.sim;

import org.solidscope.io.CscanGrid;

/**
 * One simulated stage scan: the C-scan as the instrument displays it, the physical state and noise-free
 * transmission behind it, and its ground truth.
 *
 * @param transmission noise-free, unblurred amplitude transmission per point (model output)
 * @param cleanSignal  noise-free displayed signal, percent FSH before clipping (for A-scan synthesis)
 * @param truthKinds   per scan point, the anomaly whose area contains the point centre: 0 none, then
 *                     1 + the index of the kind in {@link #KINDS}
 */
public record SimulatedScan(CscanGrid scan, PhysicalState state, float[] transmission, float[] cleanSignal,
                            InstrumentSettings instrument, GroundTruth truth, byte[] truthKinds) {
    public static final java.util.List<String> KINDS = java.util.List.of("bubble", "unwetted", "accumulation", "bulge", "gas_pocket");
}
