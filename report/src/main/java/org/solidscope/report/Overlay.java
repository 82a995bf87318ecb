package org.solidscope.report;

import java.util.List;

/**
 * What is drawn over a heat map: region outlines from a label image, text labels at mm positions,
 * a polygon (cell outline), horizontal lines (scan-line dropouts) and circles {x, y, r} in mm (defects
 * known by position and size only), all in map coordinates.
 */
public record Overlay(int[] labels, List<Label> texts, double[][] polygonMm, List<Integer> rows, List<double[]> circlesMm) {
    public record Label(double xMm, double yMm, String text) {}

    /** Without circles. */
    public Overlay(int[] labels, List<Label> texts, double[][] polygonMm, List<Integer> rows) {
        this(labels, texts, polygonMm, rows, List.of());
    }

    public static Overlay none() {
        return new Overlay(null, List.of(), null, List.of());
    }
}
