package org.solidscope.xcs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.solidscope.core.InputException;
import org.solidscope.core.MemoryBudget;
import org.solidscope.core.Progress;
import org.solidscope.io.xcs.FrameFile;
import org.solidscope.io.xcs.SpectrumCube;

/**
 * Raw frames to per-pixel spectra, streamed: offset subtraction, threshold, charge-sharing correction, per-pixel gain and
 * a histogram per pixel. The file is read in chunks of whole frames by positional reads, chunks go to all cores, each
 * worker fills its own histograms (merged at the end), so a frame file of any size runs in a small heap.
 *
 * <p>Per frame: a pixel is hit when raw − offset exceeds its threshold (keV through its calibration, or k·noise); the
 * hits' energies are (raw − offset)·gradient + intercept; then {@link ChargeSharing} decides what counts; a counted
 * energy E falls in bin ⌊(E − start)/width⌋ when that is inside [0, bins) (events outside the axis are counted apart,
 * never written one past the end).
 */
public final class FrameProcessor {
    /**
     * @param thresholdKev   hit threshold in keV (NaN: use thresholdSigma)
     * @param thresholdSigma hit threshold in multiples of the pixel's noise
     * @param startKev       first bin's lower edge (ADU when the corrections are in ADU)
     * @param binKev         bin width
     * @param bins           number of bins
     * @param chunkFrames    frames per read
     */
    public record Settings(ChargeSharing sharing, double thresholdKev, double thresholdSigma, double startKev, double binKev, int bins, int chunkFrames) {
        public static Settings defaults() { return new Settings(ChargeSharing.SEED, 3.0, Double.NaN, 0, 0.2, 800, 64); }

        public Settings withSharing(ChargeSharing c) { return new Settings(c, thresholdKev, thresholdSigma, startKev, binKev, bins, chunkFrames); }

        public Settings withAxis(double start, double width, int n) { return new Settings(sharing, thresholdKev, thresholdSigma, start, width, n, chunkFrames); }

        public Settings withThresholdSigma(double k) { return new Settings(sharing, Double.NaN, k, startKev, binKev, bins, chunkFrames); }

        public Settings withThresholdKev(double k) { return new Settings(sharing, k, Double.NaN, startKev, binKev, bins, chunkFrames); }

        public Settings withChunkFrames(int f) { return new Settings(sharing, thresholdKev, thresholdSigma, startKev, binKev, bins, f); }
    }

    /**
     * @param cube        per-pixel spectra
     * @param frames      frames read
     * @param hits        over-threshold pixels
     * @param events      events counted into the spectra
     * @param dropped     hits dropped by the charge-sharing rule
     * @param outside     events outside the energy axis
     * @param bytes       frame bytes read
     * @param workers     threads used
     */
    public record Result(SpectrumCube cube, long frames, long hits, long events, long dropped, long outside, long bytes, int workers, double elapsedMs) {
        public double gbPerS() { return bytes / 1e6 / elapsedMs; }
    }

    /** Receives counted events of one chunk, in frame order; chunks arrive in file order. */
    public interface EventSink {
        void event(long frame, int pixel, float energy);
    }

    private static final HitScan HIT_SCAN = HitScan.best();
    /**
     * Frame bytes below which a fresh JVM's first call scans with the scalar loop: compiling the vector loop costs it
     * a few tenths of a second, which the vector loop's lead (3.5 against 2.5 GB/s warm) earns back only on larger files.
     */
    static final long COLD_VECTOR_BYTES = 3_000_000_000L;
    private static final java.util.concurrent.atomic.AtomicBoolean FIRST_CALL = new java.util.concurrent.atomic.AtomicBoolean(true);

    private FrameProcessor() {}

    /** Processes frames [first, file.frames()) of {@code file}. */
    public static Result process(FrameFile file, PixelCorrections corr, Settings s, long first, EventSink sink, Progress progress) {
        long t0 = System.nanoTime();
        if (corr.rows() != file.rows() || corr.cols() != file.cols())
            throw new InputException(file.path().toString(), "rows, cols", corr.rows() + " × " + corr.cols() + " (the calibration's)", file.rows() + " × " + file.cols());
        int px = file.rows() * file.cols();
        int[] threshold = thresholds(corr, s, file.path().toString());
        long frames = file.frames() - first;
        // chunks of about 1 MiB at most: the read, the copy and the scan of one chunk stay in the caches
        int chunk = (int) Math.max(1, Math.min(s.chunkFrames(), (1L << 20) / file.frameBytes()));
        long chunks = (frames + chunk - 1) / chunk;
        long perWorker = 2L * px * s.bins() + 4L * chunk * file.frameBytes() + 64L * px;
        int workers = (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Math.min(chunks, (MemoryBudget.availableBytes() * 6 / 10) / perWorker)));
        MemoryBudget.require(file.path().toString(), "rows, cols, bins", "histograms of " + px + " pixels × " + s.bins() + " bins", perWorker);
        Worker[] w = new Worker[workers];
        HitScan scan = FIRST_CALL.getAndSet(false) && frames * file.frameBytes() < COLD_VECTOR_BYTES ? HitScan.SCALAR : HIT_SCAN;
        for (int k = 0; k < workers; k++) w[k] = new Worker(file, corr, s, threshold, chunk, scan);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "xcs-frames");
            t.setDaemon(true);
            return t;
        });
        try (FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            if (sink == null) {
                // every worker takes the next chunk as soon as it is free: no waiting for the slowest of a wave
                java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong(), done = new java.util.concurrent.atomic.AtomicLong();
                List<Future<?>> running = new ArrayList<>(workers);
                for (Worker worker : w)
                    running.add(pool.submit(() -> {
                        for (long c; (c = next.getAndIncrement()) < chunks; ) {
                            long f0 = first + c * chunk;
                            int n = (int) Math.min(chunk, file.frames() - f0);
                            worker.run(ch, f0, n, false);
                            progress.update(done.addAndGet(n) * file.frameBytes(), frames * file.frameBytes());
                        }
                        return null;
                    }));
                for (Future<?> f : running) await(f);
            } else {
                // events go out in file order: chunks run in waves of one per worker and are drained in order
                long next = 0;
                while (next < chunks) {
                    List<Future<?>> wave = new ArrayList<>(workers);
                    for (int k = 0; k < workers && next < chunks; k++, next++) {
                        long c = next;
                        Worker worker = w[k];
                        wave.add(pool.submit(() -> {
                            long f0 = first + c * chunk;
                            worker.run(ch, f0, (int) Math.min(chunk, file.frames() - f0), true);
                            return null;
                        }));
                    }
                    for (int k = 0; k < wave.size(); k++) {
                        await(wave.get(k));
                        w[k].drain(sink);
                    }
                    progress.update(Math.min(next * chunk, frames) * file.frameBytes(), frames * file.frameBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path(), e);
        } finally {
            pool.shutdownNow();
        }
        float[] counts = new float[px * s.bins()];
        long hits = 0, events = 0, dropped = 0, outside = 0;
        for (Worker k : w) {
            char[] h = k.hist;
            for (int i = 0; i < counts.length; i++) counts[i] += h[i];
            for (var e : k.overflow.entrySet()) counts[e.getKey()] += 65536f * e.getValue();
            hits += k.hits;
            events += k.events;
            dropped += k.dropped;
            outside += k.outside;
        }
        return new Result(new SpectrumCube(file.rows(), file.cols(), s.bins(), s.startKev(), s.binKev(), counts), frames, hits, events, dropped, outside,
                frames * file.frameBytes(), workers, (System.nanoTime() - t0) / 1e6);
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof IOException io) throw new UncheckedIOException(io);
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Raw value above which a pixel is hit (65535: never). */
    static int[] thresholds(PixelCorrections c, Settings s, String src) {
        int n = c.rows() * c.cols();
        int[] t = new int[n];
        boolean kev = !Double.isNaN(s.thresholdKev());
        if (kev ? !(s.thresholdKev() >= 0) : !(s.thresholdSigma() > 0))
            throw new InputException(src, "threshold", "a threshold in keV ≥ 0 or in σ > 0", kev ? s.thresholdKev() + " keV" : s.thresholdSigma() + " σ");
        for (int p = 0; p < n; p++) {
            double g = c.gradientKevPerAdu()[p];
            double above = kev ? (s.thresholdKev() - c.interceptKev()[p]) / g : s.thresholdSigma() * c.noiseAdu()[p];
            double v = Math.floor(c.offsetAdu()[p] + Math.max(0, above));
            t[p] = c.excluded()[p] || !(g > 0) || !Double.isFinite(v) ? 65535 : (int) Math.max(0, Math.min(65535, v));
        }
        return t;
    }

    /** One thread's buffers and histograms. */
    static final class Worker {
        final int rows, cols, px, bins, chunk;
        final long header, frameBytes;
        final int[] threshold;
        /** 16-bit counters (half the memory of ints, so both workers' histograms stay in cache longer); wraps are counted in {@link #overflow}. */
        final char[] hist;
        final java.util.HashMap<Integer, Integer> overflow = new java.util.HashMap<>();
        final short[] thresholdShort;
        final float[] offset, gradient, intercept;
        final ChargeSharing sharing;
        final double start, invWidth;
        final ByteBuffer buf;
        final short[] raw;
        final int[] mark, hitPixel, parent, best, size;
        final float[] energy, sum;
        long hits, events, dropped, outside;
        // events of the last chunk, for a sink
        long[] evFrame = new long[0];
        int[] evPixel = new int[0];
        float[] evEnergy = new float[0];
        int evCount;
        boolean keep;

        final HitScan hitScan;

        final FrameFile file;

        Worker(FrameFile f, PixelCorrections c, Settings s, int[] threshold, int chunk, HitScan hitScan) {
            this.hitScan = hitScan;
            file = f;
            rows = f.rows();
            cols = f.cols();
            px = rows * cols;
            bins = s.bins();
            this.chunk = chunk;
            header = f.headerBytes();
            frameBytes = f.frameBytes();
            this.threshold = threshold;
            thresholdShort = new short[threshold.length];
            for (int p = 0; p < threshold.length; p++) thresholdShort[p] = (short) (threshold[p] ^ 0x8000);
            hist = new char[px * bins];
            offset = c.offsetAdu();
            gradient = c.gradientKevPerAdu();
            intercept = c.interceptKev();
            sharing = s.sharing();
            start = s.startKev();
            invWidth = 1 / s.binKev();
            // direct: a heap buffer would be filled through a hidden direct one (one more copy of every byte)
            buf = ByteBuffer.allocateDirect((int) (chunk * frameBytes)).order(ByteOrder.LITTLE_ENDIAN);
            raw = new short[chunk * px];
            mark = new int[px];
            hitPixel = new int[px];
            parent = new int[px];
            best = new int[px];
            size = new int[px];
            energy = new float[px];
            sum = new float[px];
        }

        void run(FileChannel ch, long firstFrame, int frames, boolean keepEvents) throws IOException {
            keep = keepEvents;
            evCount = 0;
            buf.clear().limit((int) (frames * frameBytes));
            long at = header + firstFrame * frameBytes;
            while (buf.hasRemaining()) if (ch.read(buf, at + buf.position()) < 0) throw new IOException("the file ended before frame " + (firstFrame + frames));
            buf.flip();
            file.decode(buf, raw, 0, frames * px, firstFrame);
            for (int f = 0; f < frames; f++) frame(firstFrame + f, f * px);
        }

        /** Over-threshold pixels of the frame at {@code base} into hitPixel; their count. Small, so the JIT compiles it at once. */
        private int scan(int base) {
            return hitScan.scan(raw, base, threshold, thresholdShort, px, hitPixel);
        }

        private void frame(long frameIndex, int base) {
            int n = scan(base);
            if (n == 0) return;
            final short[] r = raw;
            hits += n;
            for (int h = 0; h < n; h++) {
                int p = hitPixel[h];
                energy[h] = ((r[base + p] & 0xffff) - offset[p]) * gradient[p] + intercept[p];
            }
            if (sharing == ChargeSharing.NONE) {
                for (int h = 0; h < n; h++) count(frameIndex, hitPixel[h], energy[h]);
                return;
            }
            for (int h = 0; h < n; h++) mark[hitPixel[h]] = h + 1;
            if (sharing == ChargeSharing.DISCRIMINATION) {
                for (int h = 0; h < n; h++) {
                    if (hasHitNeighbour(hitPixel[h])) dropped++;
                    else count(frameIndex, hitPixel[h], energy[h]);
                }
            } else {
                for (int h = 0; h < n; h++) parent[h] = h;
                for (int h = 0; h < n; h++) joinNeighbours(h);
                for (int h = 0; h < n; h++) {
                    size[h] = 0;
                    sum[h] = 0;
                    best[h] = -1;
                }
                for (int h = 0; h < n; h++) {
                    int root = find(h);
                    size[root]++;
                    sum[root] += energy[h];
                    if (best[root] < 0 || energy[h] > energy[best[root]]) best[root] = h;
                }
                for (int h = 0; h < n; h++) {
                    if (parent[h] != h) continue;
                    if (sharing == ChargeSharing.SEED && size[h] > 2) {
                        dropped += size[h];
                        continue;
                    }
                    dropped += size[h] - 1;
                    count(frameIndex, hitPixel[best[h]], sum[h]);
                }
            }
            for (int h = 0; h < n; h++) mark[hitPixel[h]] = 0;
        }

        private boolean hasHitNeighbour(int p) {
            int row = p / cols, col = p - row * cols;
            for (int dr = -1; dr <= 1; dr++) {
                int rr = row + dr;
                if (rr < 0 || rr >= rows) continue;
                for (int dc = -1; dc <= 1; dc++) {
                    int cc = col + dc;
                    if ((dr == 0 && dc == 0) || cc < 0 || cc >= cols) continue;
                    if (mark[rr * cols + cc] != 0) return true;
                }
            }
            return false;
        }

        private void joinNeighbours(int h) {
            int p = hitPixel[h], row = p / cols, col = p - row * cols;
            for (int dr = -1; dr <= 1; dr++) {
                int rr = row + dr;
                if (rr < 0 || rr >= rows) continue;
                for (int dc = -1; dc <= 1; dc++) {
                    int cc = col + dc;
                    if ((dr == 0 && dc == 0) || cc < 0 || cc >= cols) continue;
                    int m = mark[rr * cols + cc];
                    if (m != 0) {
                        int a = find(h), b = find(m - 1);
                        if (a != b) parent[Math.max(a, b)] = Math.min(a, b);
                    }
                }
            }
        }

        private int find(int h) {
            while (parent[h] != h) {
                parent[h] = parent[parent[h]];
                h = parent[h];
            }
            return h;
        }

        private void count(long frameIndex, int p, float e) {
            double b = Math.floor((e - start) * invWidth);
            if (b < 0 || b >= bins) {
                outside++;
                return;
            }
            int i = p * bins + (int) b;
            if (++hist[i] == 0) overflow.merge(i, 1, Integer::sum);
            events++;
            if (keep) {
                if (evCount == evFrame.length) {
                    int m = Math.max(1024, evCount * 2);
                    evFrame = java.util.Arrays.copyOf(evFrame, m);
                    evPixel = java.util.Arrays.copyOf(evPixel, m);
                    evEnergy = java.util.Arrays.copyOf(evEnergy, m);
                }
                evFrame[evCount] = frameIndex;
                evPixel[evCount] = p;
                evEnergy[evCount++] = e;
            }
        }

        void drain(EventSink sink) {
            for (int i = 0; i < evCount; i++) sink.event(evFrame[i], evPixel[i], evEnergy[i]);
            evCount = 0;
        }
    }
}
