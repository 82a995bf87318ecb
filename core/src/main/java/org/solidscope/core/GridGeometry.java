package org.solidscope.core;

/**
 * Where the pixels of a 2D map lie. Pixel (column {@code x}, row {@code y}) has its centre at
 * {@code (originXMm + x·pitchMm, originYMm + y·pitchMm)}; rows grow along +y. Row-major storage:
 * index = y·width + x.
 */
public record GridGeometry(int width, int height, double pitchMm, double originXMm, double originYMm) {
    public GridGeometry {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("grid must have positive size, got " + width + "x" + height);
        }
        if (!(pitchMm > 0) || Double.isInfinite(pitchMm)) {
            throw new IllegalArgumentException("pitchMm must be finite and > 0, got " + pitchMm);
        }
    }

    public GridGeometry(int width, int height, double pitchMm) {
        this(width, height, pitchMm, 0, 0);
    }

    public int size() { return width * height; }

    public double xMm(double column) { return originXMm + column * pitchMm; }

    public double yMm(double row) { return originYMm + row * pitchMm; }

    public double column(double xMm) { return (xMm - originXMm) / pitchMm; }

    public double row(double yMm) { return (yMm - originYMm) / pitchMm; }

    public double pixelAreaMm2() { return pitchMm * pitchMm; }

    public double widthMm() { return width * pitchMm; }

    public double heightMm() { return height * pitchMm; }
}
