package org.solidscope.xcs;

/**
 * Pinhole imaging of a sheet beam: which sample point each detector pixel sees and through which scattering angle.
 *
 * <p>Conventions: the incident beam runs along +x; the detector's axis leaves the sample at {@code nominalDeg} to the
 * beam (90° in the seed), through a pinhole {@code sampleToPinholeMm} away, onto a detector {@code pinholeToDetectorMm}
 * further. Detector columns run along the beam's direction (as projected), rows across it. The image through a pinhole
 * is inverted and magnified by pinholeToDetector / sampleToPinhole; the sample pitch is the detector pitch divided by it.
 */
public record PinholeGeometry(double sampleToPinholeMm, double pinholeToDetectorMm, double pitchMm, double nominalDeg) {
    /** The seed's set-up: 160 mm + 150 mm, 0.25 mm pitch, 90°. */
    public static PinholeGeometry seed() { return new PinholeGeometry(160, 150, 0.25, 90); }

    public PinholeGeometry {
        if (!(sampleToPinholeMm > 0) || !(pinholeToDetectorMm > 0) || !(pitchMm > 0) || !(nominalDeg > 0 && nominalDeg < 180))
            throw new IllegalArgumentException("pinhole geometry needs positive distances and pitch and an angle in (0, 180)°");
    }

    /** Size of one pixel projected onto the sample, mm. */
    public double samplePitchMm() { return pitchMm * sampleToPinholeMm / pinholeToDetectorMm; }

    /** Scattering angle of the photons that reach pixel (row, col) of a rows × cols detector, radians. */
    public double thetaRad(int rows, int cols, int row, int col) {
        double t0 = Math.toRadians(nominalDeg);
        double m = sampleToPinholeMm / pinholeToDetectorMm;
        double u = (col - (cols - 1) / 2.0) * pitchMm, v = (row - (rows - 1) / 2.0) * pitchMm;
        // sample point: inverted image, in the object plane spanned by e1 = (sin t0, 0, -cos t0) and e2 = (0, 1, 0)
        double sx = -u * m * Math.sin(t0), sy = -v * m, sz = u * m * Math.cos(t0);
        // direction from that point to the pinhole at distance L along (cos t0, 0, sin t0)
        double dx = sampleToPinholeMm * Math.cos(t0) - sx, dy = -sy, dz = sampleToPinholeMm * Math.sin(t0) - sz;
        return Math.acos(dx / Math.sqrt(dx * dx + dy * dy + dz * dz));
    }

    /** Every pixel's angle, row-major. */
    public double[] thetaMap(int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) t[r * cols + c] = thetaRad(rows, cols, r, c);
        return t;
    }
}
