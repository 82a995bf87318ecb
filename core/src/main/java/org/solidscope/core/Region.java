package org.solidscope.core;

/**
 * One connected region of a mask with its shape features, in pixel units (see {@link GridGeometry}
 * to convert). Moments are central second moments of the pixel centres.
 *
 * @param label          label value in the label image (1-based)
 * @param areaPx         number of pixels
 * @param centroidX      mean column
 * @param centroidY      mean row
 * @param perimeterPx    boundary length estimate: exposed 4-neighbour pixel edges × π/4, which is
 *                       unbiased for boundaries of random orientation (Crofton)
 * @param minX           bounding box, inclusive
 * @param majorAxisPx    full length of the major axis of the ellipse with the same second moments
 * @param minorAxisPx    full length of its minor axis
 * @param orientationRad angle of the major axis from +x towards +y
 */
public record Region(int label, int areaPx, double centroidX, double centroidY, double perimeterPx,
                     int minX, int minY, int maxX, int maxY,
                     double majorAxisPx, double minorAxisPx, double orientationRad) {

    /** Diameter of the disc of the same area, in pixels. */
    public double equivalentDiameterPx() { return Math.sqrt(4.0 * areaPx / Math.PI); }

    /**
     * Circularity 4πA/P², clipped to 1 (a disc gives 1, a line tends to 0). Perimeter from the
     * Crofton estimate; for regions under ~10 pixels the estimate is coarse.
     */
    public double circularity() {
        if (perimeterPx <= 0) return 0;
        return Math.min(1.0, 4 * Math.PI * areaPx / (perimeterPx * perimeterPx));
    }

    /** Minor over major axis of the moment ellipse (1 for a disc or square). */
    public double axisRatio() { return majorAxisPx <= 0 ? 1 : minorAxisPx / majorAxisPx; }
}
