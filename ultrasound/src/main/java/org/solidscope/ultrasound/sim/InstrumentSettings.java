package org.solidscope.ultrasound.sim;

import java.util.List;

/**
 * The simulated through-transmission scanner.
 *
 * @param gainDb                 receiver gain
 * @param fluidPathPercentFsh    displayed amplitude of the coupling-fluid path at 0 dB gain (percent FSH)
 * @param noiseRmsPercentFsh     electronic noise, rms, percent FSH (displayed, gain included)
 * @param speckle                relative rms of the multiplicative coupling/speckle variation
 * @param psfFwhmMm              full width at half maximum of the beam's focal spot
 * @param pitchMm                scan step (= pixel pitch)
 * @param brightSurround         true: open coupling fluid around the cell; false: a holder blocks it
 * @param dropoutRows            scan lines recorded without signal (instrument artefact)
 */
public record InstrumentSettings(double gainDb, double fluidPathPercentFsh, double noiseRmsPercentFsh, double speckle,
                                 double psfFwhmMm, double pitchMm, boolean brightSurround, List<Integer> dropoutRows) {
    public InstrumentSettings {
        dropoutRows = List.copyOf(dropoutRows);
    }

    /** The seed's workstation: 1 MHz focused probes, 0.5 mm step, at the given gain. */
    public static InstrumentSettings seedWorkstation(double gainDb) {
        return new InstrumentSettings(gainDb, 30, 0.5, 0.06, 1.0, 0.5, true, List.of());
    }

    public InstrumentSettings withDropoutRows(List<Integer> rows) {
        return new InstrumentSettings(gainDb, fluidPathPercentFsh, noiseRmsPercentFsh, speckle, psfFwhmMm, pitchMm, brightSurround, rows);
    }

    public InstrumentSettings withBrightSurround(boolean b) {
        return new InstrumentSettings(gainDb, fluidPathPercentFsh, noiseRmsPercentFsh, speckle, psfFwhmMm, pitchMm, b, dropoutRows);
    }
}
