package org.solidscope.ultrasound;

/**
 * A rotation about a pivot followed by a translation, mapping a point p of the reference scan to
 * the corresponding point of a moving scan: {@code p' = R(θ)(p − pivot) + pivot + (dx, dy)}, all in mm,
 * θ = {@code rotationDeg} from +x towards +y.
 */
public record RigidTransform(double dxMm, double dyMm, double rotationDeg, double pivotXMm, double pivotYMm) {
    public static RigidTransform identity() { return new RigidTransform(0, 0, 0, 0, 0); }

    public double[] apply(double xMm, double yMm) {
        double a = Math.toRadians(rotationDeg), c = Math.cos(a), s = Math.sin(a);
        double x = xMm - pivotXMm, y = yMm - pivotYMm;
        return new double[] {c * x - s * y + pivotXMm + dxMm, s * x + c * y + pivotYMm + dyMm};
    }

    /** The point of the reference scan that maps onto (xMm, yMm) of the moving scan. */
    public double[] inverse(double xMm, double yMm) {
        double a = Math.toRadians(-rotationDeg), c = Math.cos(a), s = Math.sin(a);
        double x = xMm - pivotXMm - dxMm, y = yMm - pivotYMm - dyMm;
        return new double[] {c * x - s * y + pivotXMm, s * x + c * y + pivotYMm};
    }
}
