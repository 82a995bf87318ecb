package org.solidscope.report;

import java.util.List;

/**
 * What is drawn over a heat map: region outlines from a label image, text labels at mm positions,
 * a polygon (cell outline) and horizontal lines (scan-line dropouts), all in map coordinates.
 */
public record Overlay(int[] labels, List<Label> texts, double[][] polygonMm, List<Integer> rows) {
    public record Label(double xMm, double yMm, String text) {}

    public static Overlay none() {
        return new Overlay(null, List.of(), null, List.of());
    }
}
