package org.solidscope.io;

import org.solidscope.core.AtomicOutput;
import org.solidscope.core.MemoryBudget;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.solidscope.core.GridGeometry;
import org.solidscope.core.InputException;
import org.solidscope.core.ScalarMap;

/**
 * C-scans stored as 8- or 16-bit greyscale PNG or TIFF with a JSON sidecar:
 * {@code pitch_mm} and {@code gain_db} (required), {@code amplitude_unit} (default percent_fsh),
 * {@code full_scale} (default 100), {@code amplitude_per_count} (default full_scale / largest count,
 * 255 or 65535) and {@code amplitude_offset} (default 0): amplitude = offset + count · per_count.
 */
public final class CscanImage {
    private CscanImage() {}

    public static CscanGrid read(Path file) {
        return read(file.toString(), file, Sidecar.of(file));
    }

    /**
     * Decodes with ImageIO after reading the size from the header and checking the memory it needs:
     * a crafted header of 60,000 × 60,000 pixels is refused with the figure, and a decoder's failure on
     * a damaged file (of whatever type) is the file's fault.
     */
    static BufferedImage decode(String src, Path file) {
        try (javax.imageio.stream.ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) throw new InputException(src, "image", "a PNG or TIFF image", "an unrecognised format");
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0), h = reader.getHeight(0);
                // the decoded image (up to 16 bits a sample) and the float map made of it
                MemoryBudget.require(src, "image size", "a " + w + " × " + h + " image", MemoryBudget.product(w, h, 2 + 4 + 4));
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new InputException(src, "image", "a readable PNG or TIFF", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputException(src, "image", "a readable PNG or TIFF", "a damaged image (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** The image stored at {@code file} with its sidecar; messages name {@code src}. */
    public static CscanGrid read(String src, Path file, Sidecar side) {
        AtomicOutput.noteInput(file);
        if (!Files.exists(file)) throw new InputException(src, "file", "an existing image file", "no such file");
        BufferedImage img = decode(src, file);
        Raster r = img.getRaster();
        if (r.getNumBands() != 1) {
            throw new InputException(src, "bands", "1 greyscale band", r.getNumBands() + " bands");
        }
        int bits = img.getColorModel().getComponentSize(0);
        if (bits != 8 && bits != 16) throw new InputException(src, "bit depth", "8 or 16 bits", bits + " bits");
        String sp = side.path().toString();
        double pitch = InputException.requirePositive(sp, "pitch_mm", side.number("pitch_mm"));
        double gain = InputException.requireFinite(sp, "gain_db", side.number("gain_db"));
        double fullScale = InputException.requirePositive(sp, "full_scale", side.number("full_scale", 100));
        double maxCount = bits == 8 ? 255 : 65535;
        double perCount = InputException.requirePositive(sp, "amplitude_per_count", side.number("amplitude_per_count", fullScale / maxCount));
        double offset = InputException.requireFinite(sp, "amplitude_offset", side.number("amplitude_offset", 0));
        int w = r.getWidth(), h = r.getHeight();
        float[] v = new float[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, row);
            for (int x = 0; x < w; x++) v[y * w + x] = (float) (offset + row[x] * perCount);
        }
        String unit = side.text("amplitude_unit", CscanGrid.PERCENT_FSH);
        return new CscanGrid(new ScalarMap(new GridGeometry(w, h, pitch), unit, v), gain, unit, fullScale, file);
    }

    /** C-scan from a 2D {@code .npy} with a sidecar (pitch_mm, gain_db; amplitude_unit, full_scale optional). */
    public static CscanGrid readNpy(Path file) {
        return readNpy(file.toString(), file, Sidecar.of(file));
    }

    /** The 2D {@code .npy} stored at {@code file} with its sidecar; messages name {@code src}. */
    public static CscanGrid readNpy(String src, Path file, Sidecar side) {
        AtomicOutput.noteInput(file);
        Npy.Array2D a = Npy.read2D(file);
        String sp = side.path().toString();
        for (int i = 0; i < a.values().length; i++) {
            if (!Float.isFinite(a.values()[i])) {
                throw new InputException(src, "value at row " + (i / a.width()) + ", column " + (i % a.width()),
                        "a finite number", String.valueOf(a.values()[i]));
            }
        }
        double pitch = InputException.requirePositive(sp, "pitch_mm", side.number("pitch_mm"));
        double gain = InputException.requireFinite(sp, "gain_db", side.number("gain_db"));
        double fullScale = InputException.requirePositive(sp, "full_scale", side.number("full_scale", 100));
        String unit = side.text("amplitude_unit", CscanGrid.PERCENT_FSH);
        return new CscanGrid(new ScalarMap(new GridGeometry(a.width(), a.height(), pitch), unit, a.values()), gain, unit, fullScale, file);
    }

}
