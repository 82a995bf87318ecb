package org.solidscope.xcs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import org.solidscope.core.InputException;
import org.solidscope.io.xcs.FrameFile;

/**
 * Per-pixel offset and noise from dark frames (no beam): the mean and standard deviation of each pixel's ADU, computed
 * twice, the second time without values more than 5σ above the first mean (a stray photon). A pixel that never varies
 * is dead; one whose noise exceeds {@code noisyFactor} times the median noise is noisy; both are excluded.
 */
public final class DarkFrames {
    private DarkFrames() {}

    public record Result(int rows, int cols, float[] offsetAdu, float[] noiseAdu, boolean[] dead, boolean[] noisy, long frames) {
        public boolean[] excluded() {
            boolean[] e = new boolean[dead.length];
            for (int i = 0; i < e.length; i++) e[i] = dead[i] || noisy[i];
            return e;
        }

        public int count(boolean[] m) {
            int c = 0;
            for (boolean b : m) if (b) c++;
            return c;
        }
    }

    /** Reads frames [first, first + count) of {@code file} (count capped at what the file holds). */
    public static Result measure(FrameFile file, long first, long count, double noisyFactor) {
        long n = Math.min(count, file.frames() - first);
        if (n < 2) throw new InputException(file.path().toString(), "dark frames", "at least 2 frames from frame " + first, n + " frames");
        if (n * file.frameBytes() > 1L << 30) n = (1L << 30) / file.frameBytes();
        int px = file.rows() * file.cols();
        short[] raw = new short[(int) (n * px)];
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate((int) (n * file.frameBytes())).order(ByteOrder.LITTLE_ENDIAN);
            long at = file.headerBytes() + first * file.frameBytes();
            while (b.hasRemaining()) if (ch.read(b, at + b.position()) < 0) break;
            b.flip();
            file.decode(b, raw, 0, raw.length, first);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        }
        float[] offset = new float[px], noise = new float[px];
        boolean[] dead = new boolean[px], noisy = new boolean[px];
        int frames = (int) n;
        for (int p = 0; p < px; p++) {
            double s = 0, s2 = 0;
            for (int f = 0; f < frames; f++) {
                double v = raw[f * px + p] & 0xffff;
                s += v;
                s2 += v * v;
            }
            double mean = s / frames, sd = Math.sqrt(Math.max(0, s2 / frames - mean * mean));
            double cut = mean + 5 * Math.max(sd, 1);
            s = 0;
            s2 = 0;
            int m = 0;
            for (int f = 0; f < frames; f++) {
                double v = raw[f * px + p] & 0xffff;
                if (v > cut) continue;
                s += v;
                s2 += v * v;
                m++;
            }
            mean = s / m;
            sd = Math.sqrt(Math.max(0, s2 / m - mean * mean));
            offset[p] = (float) mean;
            noise[p] = (float) sd;
            dead[p] = sd == 0;
        }
        float[] sorted = noise.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        for (int p = 0; p < px; p++) noisy[p] = !dead[p] && noise[p] > noisyFactor * median;
        return new Result(file.rows(), file.cols(), offset, noise, dead, noisy, frames);
    }
}
