package org.solidscope.ultrasound;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.InputException;
import org.solidscope.core.MemoryBudget;
import org.solidscope.core.Mask;
import org.solidscope.core.Progress;
import org.solidscope.core.ScalarMap;
import org.solidscope.io.AscanVolume;

/**
 * Gates an A-scan volume into C-scans. Streams: the volume is memory-mapped (the operating system
 * pages it in and out; the Java heap holds only the output maps and one gate per worker), and blocks
 * of {@link #LINES_PER_BLOCK} scan lines are spread over all cores. Only the gated samples of each
 * trace are read.
 */
public final class AscanGating {
    static final int LINES_PER_BLOCK = 4;
    static final GateKernel KERNEL = GateKernel.best();

    /**
     * Gated samples below which the first call of a JVM uses the scalar loop: the vector loop is 2–3× faster once
     * compiled, but compiling it costs a fresh JVM about 0.4 s, which a call gating fewer samples does not earn back
     * (the 1 GiB benchmark volume gates 0.19 G samples: 0.40 s scalar against 0.8 s vector, cold).
     */
    static final long COLD_VECTOR_SAMPLES = 1_000_000_000L;
    private static final java.util.concurrent.atomic.AtomicBoolean FIRST_CALL = new java.util.concurrent.atomic.AtomicBoolean(true);

    /** Which inner loop runs once the JVM is warm: "vector" (Java Vector API) or "scalar". */
    public static String kernel() { return KERNEL == GateKernel.SCALAR ? "scalar" : "vector"; }

    /** The loop for a call gating {@code samples}: scalar on a fresh JVM's first small call, the best one otherwise. */
    static GateKernel kernelFor(long samples) {
        boolean first = FIRST_CALL.getAndSet(false);
        return first && samples < COLD_VECTOR_SAMPLES ? GateKernel.SCALAR : KERNEL;
    }

    private AscanGating() {}

    public static GatedCscan gate(AscanVolume vol, AscanGate gate, Progress progress) {
        int nx = vol.nx(), ny = vol.ny(), nt = vol.nt();
        double fs = vol.sampleRateMHz();
        // in double first: a crafted sample rate would overflow an int sample index
        double first = Math.rint(gate.startUs() * fs);
        if (!(first >= 0 && first < nt)) {
            throw new InputException("--gate-us", "start", "a start within the trace (0 … " + (nt / fs) + " µs)", gate.startUs() + " µs");
        }
        int g0 = (int) first;
        int len = (int) Math.max(1, Math.min(nt - g0, Math.rint(gate.widthUs() * fs)));
        final int gateLen = len;
        int n = nx * ny;
        // four float maps and a mask here, and about as much again for what is made of them
        MemoryBudget.require(vol.file().toString(), "shape", "a C-scan of " + ny + " × " + nx + " points", 2L * n * (4 * 4 + 1));
        float[] peak = new float[n], p2p = new float[n], tofPeak = new float[n], tofThr = new float[n];
        boolean[] sat = new boolean[n];
        double scale = 100.0 / vol.fullScale();
        double thrRaw = gate.tofThresholdPercentFsh() / scale;
        // blocks never straddle a mapped chunk of the volume
        int perChunk = vol.maxLinesPerBlock();
        int linesPerBlock = Math.min(LINES_PER_BLOCK, perChunk);
        int blocksPerChunk = (perChunk + linesPerBlock - 1) / linesPerBlock;
        int chunksN = (ny + perChunk - 1) / perChunk;
        int blocks = chunksN * blocksPerChunk;
        AtomicLong done = new AtomicLong();
        GateKernel kernel = kernelFor((long) n * gateLen);
        long t0 = System.nanoTime();
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int chunk = b / blocksPerChunk, inChunk = b % blocksPerChunk;
            int y0 = chunk * perChunk + inChunk * linesPerBlock;
            int end = Math.min(Math.min((chunk + 1) * perChunk, ny), y0 + linesPerBlock);
            if (y0 >= end) return;
            int lines = end - y0;
            ByteBuffer buf = vol.mapLines(y0, lines);
            if (vol.type() == AscanVolume.SampleType.INT16) {
                gateInt16(kernel, buf.asShortBuffer(), y0, lines, nx, nt, g0, gateLen, scale, thrRaw, fs, vol.fullScale(), peak, p2p, tofPeak, tofThr, sat);
            } else {
                gateFloat(buf.asFloatBuffer(), y0, lines, nx, nt, g0, gateLen, scale, thrRaw, fs, vol.fullScale(), peak, p2p, tofPeak, tofThr, sat);
            }
            progress.update(done.addAndGet(lines), ny);
        });
        long elapsed = System.nanoTime() - t0;
        GridGeometry g = new GridGeometry(nx, ny, vol.pitchMm());
        return new GatedCscan(new ScalarMap(g, "percent_fsh", peak), new ScalarMap(g, "percent_fsh", p2p),
                new ScalarMap(g, "us", tofPeak), new ScalarMap(g, "us", tofThr), new Mask(nx, ny, sat), vol.gainDb(),
                (long) n * gateLen, elapsed);
    }

    private static void gateInt16(GateKernel kernel, ShortBuffer sb, int y0, int lines, int nx, int nt, int g0, int len, double scale, double thrRaw,
                                  double fs, double fullScale, float[] peak, float[] p2p, float[] tofPeak, float[] tofThr, boolean[] sat) {
        short[] s = new short[len];
        int[] r = new int[4];
        int thr = (int) Math.ceil(thrRaw);
        int satLevel = (int) Math.min(32767, Math.floor(fullScale));
        for (int ly = 0; ly < lines; ly++) {
            for (int x = 0; x < nx; x++) {
                sb.get((ly * nx + x) * nt + g0, s, 0, len);
                kernel.scan(s, len, thr, r);
                int max = r[0], min = r[1], best = r[2], cross = r[3];
                int p = (y0 + ly) * nx + x;
                peak[p] = (float) (Math.max(max, -min) * scale);
                p2p[p] = (float) ((max - min) * scale);
                sat[p] = max >= satLevel || min <= -satLevel;
                tofPeak[p] = (float) ((g0 + best + parabolic(s, best)) / fs);
                tofThr[p] = cross < 0 ? Float.NaN : (float) ((g0 + crossing(s, cross, thrRaw)) / fs);
            }
        }
    }

    private static void gateFloat(FloatBuffer fb, int y0, int lines, int nx, int nt, int g0, int len, double scale, double thrRaw,
                                  double fs, double fullScale, float[] peak, float[] p2p, float[] tofPeak, float[] tofThr, boolean[] sat) {
        float[] s = new float[len];
        for (int ly = 0; ly < lines; ly++) {
            for (int x = 0; x < nx; x++) {
                fb.get((ly * nx + x) * nt + g0, s, 0, len);
                float max = Float.NEGATIVE_INFINITY, min = Float.POSITIVE_INFINITY, bestAbs = -1;
                int best = 0, cross = -1;
                for (int i = 0; i < len; i++) {
                    float v = s[i], a = Math.abs(v);
                    if (a > bestAbs) { bestAbs = a; best = i; }
                    if (v > max) max = v;
                    if (v < min) min = v;
                    if (cross < 0 && a >= thrRaw) cross = i;
                }
                int p = (y0 + ly) * nx + x;
                peak[p] = (float) (bestAbs * scale);
                p2p[p] = (float) ((max - min) * scale);
                sat[p] = max >= fullScale || min <= -fullScale;
                double frac = 0;
                if (best > 0 && best < len - 1) frac = vertex(Math.abs(s[best - 1]), bestAbs, Math.abs(s[best + 1]));
                tofPeak[p] = (float) ((g0 + best + frac) / fs);
                double c = cross <= 0 ? Math.max(cross, 0) : cross - 1 + (thrRaw - Math.abs(s[cross - 1])) / (Math.abs(s[cross]) - Math.abs(s[cross - 1]));
                tofThr[p] = cross < 0 ? Float.NaN : (float) ((g0 + c) / fs);
            }
        }
    }

    /** Sub-sample offset of the peak of |s| by a parabola through its neighbours. */
    private static double parabolic(short[] s, int i) {
        if (i <= 0 || i >= s.length - 1) return 0;
        return vertex(Math.abs(s[i - 1]), Math.abs(s[i]), Math.abs(s[i + 1]));
    }

    private static double vertex(double a, double b, double c) {
        double den = a - 2 * b + c;
        return den == 0 ? 0 : Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / den));
    }

    /** Fractional index where |s| first reaches thr, by linear interpolation from the previous sample. */
    private static double crossing(short[] s, int i, double thr) {
        if (i == 0) return 0;
        double a = Math.abs(s[i - 1]), b = Math.abs(s[i]);
        return b == a ? i : i - 1 + (thr - a) / (b - a);
    }
}
