package org.solidscope.ultrasound;

import org.solidscope.core.Mask;
import org.solidscope.core.ScalarMap;

/**
 * C-scans extracted from an A-scan volume through one gate.
 *
 * @param peak          max |a| in the gate, percent of full-screen height
 * @param peakToPeak    max a − min a in the gate, percent of full-screen height
 * @param tofPeakUs     time of the peak |a| (parabolic interpolation), µs from the first sample
 * @param tofThresholdUs first time |a| reaches the threshold (linear interpolation), µs; NaN if never
 * @param saturated     points where a gate sample reached the converter's full scale
 * @param gainDb        receiver gain of the volume
 * @param elapsedNanos  compute time (mapping and gating, not opening the file)
 */
public record GatedCscan(ScalarMap peak, ScalarMap peakToPeak, ScalarMap tofPeakUs, ScalarMap tofThresholdUs, Mask saturated,
                         double gainDb, long samplesGated, long elapsedNanos) {
    public double samplesPerSecond() { return samplesGated / (elapsedNanos / 1e9); }
}
