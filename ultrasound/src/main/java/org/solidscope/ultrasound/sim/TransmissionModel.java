package org.solidscope.ultrasound.sim;

/**
 * The middle step of the simulator: physical state → amplitude transmission relative to the
 * coupling-fluid path (1 = as if no cell were there). Implementations hold the acoustics; the
 * instrument model turns their output into displayed amplitudes.
 */
public interface TransmissionModel {
    /** Amplitude transmission per scan point, same layout as the state's grid. */
    float[] amplitudeTransmission(PhysicalState state);

    /** A short description for ground-truth files and reports. */
    String describe();
}
