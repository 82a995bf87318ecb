package org.solidscope.io.xcs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.LastRow;

/**
 * Per-pixel values as detector software writes them: plain text, one value per pixel in row-major order, separated by
 * spaces, tabs, commas or line ends (HEXITEC's gradient, intercept and threshold files). {@code #} starts a comment;
 * {@code NaN} marks a pixel without a value (a pixel the calibration flagged: it is left out).
 */
public final class PixelValues {
    private PixelValues() {}

    public static float[] read(Path file, int rows, int cols, String what) {
        AtomicOutput.noteInput(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1); // numbers are ASCII: other bytes are refused as tokens, not as an encoding
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), "file", "an existing " + what + " file", "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int n = rows * cols;
        float[] v = new float[n];
        int k = 0, line = 0;
        for (String ln : text.split("\\R")) {
            line++;
            int hash = ln.indexOf('#');
            if (hash >= 0) ln = ln.substring(0, hash);
            for (String tok : ln.trim().split("[\\s,;]+")) {
                if (tok.isEmpty()) continue;
                double d;
                try {
                    d = Double.parseDouble(tok);
                } catch (NumberFormatException e) {
                    throw new InputException(file + ":" + line, what, "a number", "'" + shown(tok) + "'");
                }
                if (Double.isInfinite(d)) throw new InputException(file + ":" + line, what, "a finite number (or NaN: no value for that pixel)", shown(tok));
                if (k < n) v[k] = (float) d;
                k++;
            }
        }
        if (k != n) throw new InputException(file.toString(), what, String.format(Locale.ROOT, "%d values (%d × %d pixels, row-major)", n, rows, cols), k + " values");
        LastRow.requireWhole(file.toString(), text);
        int usable = 0;
        for (float x : v) if (x == x && x != 0) usable++;
        if (usable == 0 && (what.equals("gradient") || what.equals("threshold"))) {
            // a calibration that calibrates no pixel would give an empty event list and a report that looks fine
            throw new InputException(file.toString(), what, "at least one pixel with a value other than 0 or NaN", "none of the " + n);
        }
        return v;
    }

    /** A token for a message (see InputException.excerpt). */
    private static String shown(String tok) {
        return InputException.excerpt(tok);
    }

    /** Writes one row of the detector per line, space-separated. */
    public static void write(Path file, float[] values, int rows, int cols) {
        StringBuilder b = new StringBuilder(values.length * 10);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (c > 0) b.append(' ');
                b.append(values[r * cols + c]);
            }
            b.append('\n');
        }
        AtomicOutput.writeString(file, b.toString());
    }
}
