package org.solidscope.report;

/** Perceptually uniform colour maps as piecewise-linear interpolation between anchor colours. */
public enum ColourMap {
    /** Viridis (matplotlib), dark blue → green → yellow: monotone in lightness, readable in greyscale. */
    VIRIDIS(new int[] {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e, 0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725}),
    /** Cividis-like diverging-free map for ratios, blue → grey → yellow. */
    CIVIDIS(new int[] {0x00204d, 0x00336f, 0x39486b, 0x575d6d, 0x707173, 0x8a8779, 0xa69d75, 0xc4b56c, 0xe4cf5b, 0xffea46});

    /** Colour of missing values (surround, saturated points, no data): lighter than any colour of the maps. */
    public static final int NO_DATA = 0xececec;

    private final int[] anchors;

    ColourMap(int[] anchors) {
        this.anchors = anchors;
    }

    /** RGB for a value in [0, 1] (clamped). */
    public int rgb(double t) {
        if (Double.isNaN(t)) return NO_DATA;
        double x = Math.max(0, Math.min(1, t)) * (anchors.length - 1);
        int i = Math.min((int) x, anchors.length - 2);
        double f = x - i;
        int a = anchors[i], b = anchors[i + 1];
        int r = (int) Math.round(((a >> 16) & 255) * (1 - f) + ((b >> 16) & 255) * f);
        int g = (int) Math.round(((a >> 8) & 255) * (1 - f) + ((b >> 8) & 255) * f);
        int bl = (int) Math.round((a & 255) * (1 - f) + (b & 255) * f);
        return (r << 16) | (g << 8) | bl;
    }
}
