package org.solidscope.ultrasound;

import org.solidscope.core.InputException;

/**
 * A time gate on A-scans: samples from {@code startUs} to {@code startUs + widthUs} (µs from the
 * first sample). {@code tofThresholdPercentFsh} is the level (percent of full-screen height, on |a|)
 * whose first crossing inside the gate gives the threshold time of flight.
 */
public record AscanGate(double startUs, double widthUs, double tofThresholdPercentFsh) {
    public AscanGate {
        InputException.requireFinite("--gate-us", "start", startUs);
        if (startUs < 0) throw new InputException("--gate-us", "start", "≥ 0 µs", String.valueOf(startUs));
        InputException.requirePositive("--gate-us", "width", widthUs);
        InputException.requirePositive("--tof-threshold-percent", "threshold", tofThresholdPercentFsh);
    }

    /** Parses {@code START:WIDTH} in µs. */
    public static AscanGate parse(String text, double tofThresholdPercentFsh) {
        String[] p = text == null ? new String[0] : text.split(":");
        if (p.length != 2) throw new InputException("--gate-us", "gate", "START:WIDTH in µs, e.g. 20:15", "'" + text + "'");
        try {
            return new AscanGate(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()), tofThresholdPercentFsh);
        } catch (NumberFormatException e) {
            throw new InputException("--gate-us", "gate", "START:WIDTH in µs, e.g. 20:15", "'" + text + "'");
        }
    }

    /** Number of samples in the gate (at least 1). */
    public int samples(double sampleRateMHz) { return Math.max(1, (int) Math.round(widthUs * sampleRateMHz)); }
}
