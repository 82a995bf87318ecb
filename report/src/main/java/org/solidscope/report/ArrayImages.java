package org.solidscope.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.solidscope.core.ScalarMap;

/** Pictures of stored arrays that are not heat maps: grey slices, with a segmentation traced on them. */
public final class ArrayImages {
    private ArrayImages() {}

    /** The p-th and q-th quantiles of the finite values (a contrast range robust to outliers); {0, 1} when there are none. */
    public static double[] percentiles(float[] v, double p, double q) {
        float[] f = new float[v.length];
        int n = 0;
        for (float x : v) if (Float.isFinite(x)) f[n++] = x;
        if (n == 0) return new double[] {0, 1};
        Arrays.sort(f, 0, n);
        return new double[] {f[(int) (p * (n - 1))], f[(int) (q * (n - 1))]};
    }

    /**
     * A grey image of a slice (lo black, hi white), scaled to {@code width} pixels with square pixels, and
     * the boundary of {@code mask} (1 inside; null for none) traced in orange: the pixels of the mask
     * with a 4-neighbour outside it.
     */
    public static BufferedImage grey(ScalarMap m, double lo, double hi, byte[] mask) {
        int w = m.width(), h = m.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] v = m.values();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int g = (int) Math.max(0, Math.min(255, Math.round(255 * (v[i] - lo) / (hi - lo))));
                int rgb = (g << 16) | (g << 8) | g;
                if (mask != null && mask[i] != 0 && edge(mask, w, h, x, y)) rgb = 0xff8c00;
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    static boolean edge(byte[] mask, int w, int h, int x, int y) {
        return (x == 0 || mask[y * w + x - 1] == 0) || (x == w - 1 || mask[y * w + x + 1] == 0)
                || (y == 0 || mask[(y - 1) * w + x] == 0) || (y == h - 1 || mask[(y + 1) * w + x] == 0);
    }

    /** {@link #grey} scaled to {@code width} pixels (nearest neighbour, so voxels stay sharp) as PNG bytes. */
    public static byte[] greyPng(ScalarMap m, double lo, double hi, byte[] mask, int width) {
        BufferedImage src = grey(m, lo, hi, mask);
        int height = Math.max(1, (int) Math.round((double) width * m.height() / m.width()));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(src, 0, 0, width, height, null);
        g.dispose();
        return png(out);
    }

    public static byte[] png(BufferedImage img) {
        try (ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            javax.imageio.ImageIO.write(img, "png", b);
            return b.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
