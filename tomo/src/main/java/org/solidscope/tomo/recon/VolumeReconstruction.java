package org.solidscope.tomo.recon;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.solidscope.core.Progress;

/**
 * Reconstructs every detector row of a projection stack {@code [angles][rows·detectors]} (line
 * integrals) as one slice; slices run in parallel, one per core. Ring removal, if asked, works on
 * each slice's sinogram before filtering.
 */
public final class VolumeReconstruction {
    private VolumeReconstruction() {}

    public record Settings(FbpFilter filter, double centre, int size, RingRemoval.Method ring, int ringSize, double ringSigma) {}

    /** The sinogram of detector row {@code row}. */
    public static Sinogram sinogram(float[][] projections, int rows, int detectors, double[] anglesRad, int row) {
        float[] v = new float[projections.length * detectors];
        for (int a = 0; a < projections.length; a++) System.arraycopy(projections[a], row * detectors, v, a * detectors, detectors);
        return new Sinogram(projections.length, detectors, anglesRad, v);
    }

    /** Slices {@code [rows][size·size]}. */
    public static float[][] reconstruct(float[][] projections, int rows, int detectors, double[] anglesRad, Settings st, Progress progress) {
        float[][] out = new float[rows][];
        AtomicLong done = new AtomicLong();
        IntStream.range(0, rows).parallel().forEach(r -> {
            Sinogram s = RingRemoval.apply(sinogram(projections, rows, detectors, anglesRad, r), st.ring(), st.ringSize(), st.ringSigma());
            out[r] = FilteredBackProjection.reconstruct(s, st.filter(), st.centre(), st.size(), rows == 1);
            progress.update(done.incrementAndGet(), rows);
        });
        return out;
    }
}
