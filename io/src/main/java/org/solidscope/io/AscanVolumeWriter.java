package org.solidscope.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.Json;

/**
 * Streams an int16 A-scan volume to {@code .npy} or raw (+ JSON sidecar), one scan line at a time,
 * through a temporary file renamed into place by {@link #close()}. Call {@link #abort()} on failure.
 */
public final class AscanVolumeWriter implements AutoCloseable {
    private final Path target;
    private final Path tmp;
    private final OutputStream out;
    private final int ny, nx, nt;
    private final boolean npy;
    private final Map<String, Object> sidecar = new LinkedHashMap<>();
    private final ByteBuffer line;
    private int written;
    private boolean done;

    public AscanVolumeWriter(Path target, int ny, int nx, int nt, double sampleRateMHz, double pitchMm, double gainDb) {
        this.target = target.toAbsolutePath();
        this.ny = ny;
        this.nx = nx;
        this.nt = nt;
        this.npy = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        sidecar.put("shape", new int[] {ny, nx, nt});
        sidecar.put("dtype", "int16");
        sidecar.put("byte_order", "little");
        sidecar.put("sample_rate_mhz", sampleRateMHz);
        sidecar.put("pitch_mm", pitchMm);
        sidecar.put("gain_db", gainDb);
        sidecar.put("full_scale", 32767);
        try {
            tmp = AtomicOutput.temporaryFor(this.target);
            out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20);
            if (npy) out.write(Npy.header("<i2", ny, nx, nt));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + AtomicOutput.reason(e), e);
        }
        line = ByteBuffer.allocate(nx * nt * 2).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Writes the next scan line: {@code nx·nt} samples, t fastest. */
    public void writeLine(short[] samples) {
        if (samples.length != nx * nt) throw new IllegalArgumentException("line must hold nx*nt samples");
        line.clear();
        line.asShortBuffer().put(samples);
        try {
            out.write(line.array());
        } catch (IOException e) {
            abort();
            throw new UncheckedIOException("cannot write " + target + ": " + AtomicOutput.reason(e), e);
        }
        written++;
    }

    public void abort() {
        done = true;
        try {
            out.close();
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // best effort: the caller is already handling a failure
        }
    }

    @Override
    public void close() {
        if (done) return;
        done = true;
        try {
            out.close();
            if (written != ny) {
                Files.deleteIfExists(tmp);
                throw new IllegalStateException("wrote " + written + " of " + ny + " lines to " + target);
            }
            AtomicOutput.publish(tmp, target);
            // the sidecar carries what .npy cannot: sample rate, pitch, gain
            AtomicOutput.writeString(target.resolveSibling(target.getFileName() + ".json"), Json.write(sidecar));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + AtomicOutput.reason(e), e);
        }
    }
}
