package org.solidscope.xcs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.core.InputException;
import org.solidscope.core.Progress;
import org.solidscope.io.xcs.FrameFile;
import org.solidscope.io.xcs.SpectrumCube;

class FrameProcessingTest {
    @TempDir static Path dir;
    static Path frames;
    static FrameSimulator.Detector det;
    static XcsSimulator.Result sim;

    @BeforeAll
    static void simulate() {
        sim = XcsSimulator.simulate(XcsSimulator.Settings.seed004(0.6).withSize(16, 16).withSeed(3), Progress.NONE);
        det = FrameSimulator.detector(16, 16, 0.01, 5);
        frames = dir.resolve("run.bin");
        // a big charge cloud and a busy detector: many two-, three- and four-pixel clusters
        FrameSimulator.write(frames, sim.expected(), det, new FrameSimulator.Settings(4000, 200, 6, 0.03, 0.25, 9000, 11), Progress.NONE);
    }

    static PixelCorrections truthCorrections() {
        return new PixelCorrections(16, 16, det.offsetAdu(), det.noiseAdu(), det.gradientKevPerAdu(), det.interceptKev(), det.dead());
    }

    @Test
    void chargeSharingRulesEqualANaivePerFrameReference() throws Exception {
        FrameFile f = FrameFile.open(frames);
        assertEquals(4200, f.frames());
        for (ChargeSharing rule : ChargeSharing.values()) {
            FrameProcessor.Settings s = FrameProcessor.Settings.defaults().withSharing(rule).withChunkFrames(97);
            FrameProcessor.Result fast = FrameProcessor.process(f, truthCorrections(), s, 200, null, Progress.NONE);
            int[] naive = naive(f, truthCorrections(), s, 200);
            float[] c = fast.cube().counts();
            int[] got = new int[c.length];
            for (int i = 0; i < c.length; i++) got[i] = (int) c[i];
            assertArrayEquals(naive, got, rule.name());
            if (rule != ChargeSharing.NONE) assertTrue(fast.dropped() > 100, rule + " dropped " + fast.dropped());
        }
    }

    @Test
    void eventsArriveInFrameOrderAndMatchTheSpectra() {
        FrameFile f = FrameFile.open(frames);
        List<long[]> ev = new ArrayList<>();
        FrameProcessor.Result r = FrameProcessor.process(f, truthCorrections(), FrameProcessor.Settings.defaults().withChunkFrames(50), 200,
                (frame, pixel, e) -> ev.add(new long[] {frame, pixel}), Progress.NONE);
        assertEquals(r.events(), ev.size());
        for (int i = 1; i < ev.size(); i++) assertTrue(ev.get(i)[0] >= ev.get(i - 1)[0], "frame order");
    }

    @Test
    void darkFramesGiveEachPixelsOffsetAndNoise() {
        DarkFrames.Result d = DarkFrames.measure(FrameFile.open(frames), 0, 200, 5);
        for (int p = 0; p < 256; p++) {
            if (det.dead()[p]) {
                assertTrue(d.dead()[p]);
                continue;
            }
            assertEquals(det.offsetAdu()[p], d.offsetAdu()[p], 4.5 * det.noiseAdu()[p] / Math.sqrt(200) + 0.5, "offset of pixel " + p + " noise " + det.noiseAdu()[p] + " measured " + d.noiseAdu()[p]);
            assertEquals(det.noiseAdu()[p], d.noiseAdu()[p], 0.2 * det.noiseAdu()[p] + 0.5, "noise of pixel " + p);
        }
        assertEquals(d.count(d.dead()), countTrue(det.dead()));
    }

    @Test
    void aFileThatIsNotWholeFramesOrDisagreesWithItsSidecarIsRefused() throws Exception {
        Path cut = dir.resolve("cut.bin");
        Files.write(cut, new byte[2 * 80 * 80 * 3 + 7]);
        Files.writeString(dir.resolve("cut.bin.json"), "{\"rows\": 80, \"cols\": 80, \"frame_rate_hz\": 9000}");
        InputException e = assertThrows(InputException.class, () -> FrameFile.open(cut));
        assertTrue(e.getMessage().contains("cut.bin") && e.getMessage().contains("size") && e.getMessage().contains("3 frames and 7 bytes"), e.getMessage());
        Path other = dir.resolve("other.bin");
        Files.write(other, new byte[2 * 80 * 80 * 3]);
        Files.writeString(dir.resolve("other.bin.json"), "{\"rows\": 80, \"cols\": 80, \"frames\": 5}");
        e = assertThrows(InputException.class, () -> FrameFile.open(other));
        assertTrue(e.getMessage().contains("other.bin.json") && e.getMessage().contains("frames"), e.getMessage());
    }

    @Test
    void chargeSharingResponseEqualsSamplingTheCloudModel() {
        double e = 93.9, thr = 3, cloud = 0.012, pitch = 0.25;
        ChargeSharingResponse resp = ChargeSharingResponse.of(0, 0.2, 750, thr, cloud, pitch, ChargeSharing.SEED, 256);
        float[] in = new float[750];
        in[(int) (e / 0.2)] = 1f;
        double[] out = new double[750];
        resp.apply(in, 0, out);
        double kept = 0, mean = 0;
        for (int b = 0; b < 750; b++) { kept += out[b]; mean += out[b] * (b + 0.5) * 0.2; }
        mean /= kept;
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        double n = 400_000, k = 0, sum = 0, at = ((int) (e / 0.2) + 0.5) * 0.2;
        for (int i = 0; i < n; i++) {
            double[] fx = FrameSimulator.shares(r.nextDouble() * pitch, pitch, cloud), fy = FrameSimulator.shares(r.nextDouble() * pitch, pitch, cloud);
            int hits = 0;
            double rec = 0;
            for (double a : fy) for (double b : fx) if (a * b * at > thr) { hits++; rec += a * b * at; }
            if (hits <= 2) { k++; sum += rec; }
        }
        assertEquals(k / n, kept, 0.002, "share of photons kept");
        assertEquals(sum / k, mean, 0.03, "mean kept energy (a 64² grid was 0.05 keV off)");
        assertTrue(mean < at - 0.1, "sub-threshold sharing lowers the recorded energy: " + mean);
    }

    @Test
    void vectorAndScalarScansFindTheSameHits() {
        HitScan vector = HitScan.best();
        assertTrue(vector != HitScan.SCALAR, "tests run with jdk.incubator.vector, as the launcher does");
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int px = 1 + r.nextInt(300);
            short[] raw = new short[px + 7];
            int[] thr = new int[px];
            short[] thrShort = new short[px];
            for (int p = 0; p < px; p++) {
                // values on both sides of 32768 (signed/unsigned trouble), thresholds up to "never" (65535)
                raw[7 + p] = (short) (r.nextBoolean() ? r.nextInt(65536) : 32760 + r.nextInt(16));
                thr[p] = r.nextInt(10) == 0 ? 65535 : r.nextBoolean() ? r.nextInt(65536) : 32760 + r.nextInt(16);
                thrShort[p] = (short) (thr[p] ^ 0x8000);
            }
            int[] a = new int[px], b = new int[px];
            int na = HitScan.SCALAR.scan(raw, 7, thr, thrShort, px, a), nb = vector.scan(raw, 7, thr, thrShort, px, b);
            assertEquals(na, nb);
            assertArrayEquals(java.util.Arrays.copyOf(a, na), java.util.Arrays.copyOf(b, nb));
        }
    }

    @Test
    void binsPastSixteenBitsAreCountedExactly() throws Exception {
        // one pixel, the same value in 300,000 frames: each worker's 16-bit counter wraps at least once
        Path one = dir.resolve("one.bin");
        ByteBuffer b = ByteBuffer.allocate(2 * 300_000).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) b.putShort((short) 2300);
        Files.write(one, b.array());
        Files.writeString(dir.resolve("one.bin.json"), "{\"rows\": 1, \"cols\": 1}");
        PixelCorrections c = new PixelCorrections(1, 1, new float[] {300}, new float[] {4}, new float[] {0.025f}, new float[] {0}, new boolean[1]);
        FrameProcessor.Result r = FrameProcessor.process(FrameFile.open(one), c, FrameProcessor.Settings.defaults(), 0, null, Progress.NONE);
        assertEquals(300_000, r.events());
        assertEquals(300_000f, r.cube().counts()[r.cube().binOf(50.0)]);
    }

    static int countTrue(boolean[] b) {
        int c = 0;
        for (boolean x : b) if (x) c++;
        return c;
    }

    /** The chain written plainly: whole frames as 2D grids, clusters by breadth-first search, one rule at a time. */
    static int[] naive(FrameFile f, PixelCorrections c, FrameProcessor.Settings s, long first) throws Exception {
        int rows = f.rows(), cols = f.cols(), n = rows * cols;
        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(f.path())).order(ByteOrder.LITTLE_ENDIAN);
        int[] hist = new int[n * s.bins()];
        for (long fr = first; fr < f.frames(); fr++) {
            boolean[][] hit = new boolean[rows][cols];
            float[][] e = new float[rows][cols];
            for (int r = 0; r < rows; r++)
                for (int col = 0; col < cols; col++) {
                    int p = r * cols + col;
                    int v = all.getShort((int) (fr * n + p) * 2) & 0xffff;
                    double thr = (s.thresholdKev() - c.interceptKev()[p]) / c.gradientKevPerAdu()[p];
                    if (!c.excluded()[p] && v > Math.floor(c.offsetAdu()[p] + Math.max(0, thr))) {
                        hit[r][col] = true;
                        e[r][col] = (v - c.offsetAdu()[p]) * c.gradientKevPerAdu()[p] + c.interceptKev()[p];
                    }
                }
            boolean[][] seen = new boolean[rows][cols];
            for (int r = 0; r < rows; r++)
                for (int col = 0; col < cols; col++) {
                    if (!hit[r][col] || seen[r][col]) continue;
                    List<Integer> members = new ArrayList<>();
                    ArrayDeque<int[]> q = new ArrayDeque<>();
                    q.add(new int[] {r, col});
                    seen[r][col] = true;
                    while (!q.isEmpty()) {
                        int[] a = q.poll();
                        members.add(a[0] * cols + a[1]);
                        for (int dr = -1; dr <= 1; dr++)
                            for (int dc = -1; dc <= 1; dc++) {
                                int rr = a[0] + dr, cc = a[1] + dc;
                                if (rr >= 0 && rr < rows && cc >= 0 && cc < cols && hit[rr][cc] && !seen[rr][cc]) {
                                    seen[rr][cc] = true;
                                    q.add(new int[] {rr, cc});
                                }
                            }
                    }
                    members.sort(null);
                    switch (s.sharing()) {
                        case NONE -> { for (int m : members) add(hist, s, m, e[m / cols][m % cols]); }
                        case DISCRIMINATION -> { if (members.size() == 1) add(hist, s, members.get(0), e[r][col]); }
                        case ADDITION, SEED -> {
                            if (s.sharing() == ChargeSharing.SEED && members.size() > 2) break;
                            float sum = 0;
                            int best = -1;
                            for (int m : members) {
                                float v = e[m / cols][m % cols];
                                sum += v;
                                if (best < 0 || v > e[best / cols][best % cols]) best = m;
                            }
                            add(hist, s, best, sum);
                        }
                    }
                }
        }
        return hist;
    }

    static void add(int[] hist, FrameProcessor.Settings s, int p, float e) {
        double b = Math.floor((e - s.startKev()) / s.binKev());
        if (b >= 0 && b < s.bins()) hist[p * s.bins() + (int) b]++;
    }
}
