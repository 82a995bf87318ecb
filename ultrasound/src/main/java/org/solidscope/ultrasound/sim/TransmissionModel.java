package org.solidscope.ultrasound.sim;

/**
 * The middle step of the simulator: physical state → amplitude transmission relative to the
 * coupling-fluid path (1 = as if no cell were there). Implementations hold the acoustics; the
 * instrument model turns their output into displayed amplitudes.
 */
public interface TransmissionModel {
    /** Amplitude transmission of the cell at one point: its matrix level with a gas gap of {@code gapUm}. */
    double cellAmplitude(double matrixAmplitude, double gapUm);

    /** Amplitude transmission per scan point, same layout as the state's grid: cell, tab or surround. */
    default float[] amplitudeTransmission(PhysicalState s) {
        int n = s.geometry().size();
        float[] t = new float[n];
        for (int i = 0; i < n; i++) {
            double c = s.cellCoverage()[i], tab = s.tabCoverage()[i];
            double cell = c > 0 ? cellAmplitude(s.matrixAmplitude()[i], s.gasGapUm()[i]) : 0;
            t[i] = (float) (c * cell + tab * s.tabTransmission() + Math.max(0, 1 - c - tab) * s.surroundTransmission());
        }
        return t;
    }

    /** A short description for ground-truth files and reports. */
    String describe();
}
