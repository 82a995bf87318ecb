package org.solidscope.io;

import java.nio.file.Path;
import java.util.Locale;
import org.solidscope.core.InputException;

/** Reads a C-scan from any supported format, chosen by file extension. */
public final class CscanFiles {
    private CscanFiles() {}

    public static final String FORMATS = ".csv, .png, .tif/.tiff (with sidecar), .npy (with sidecar)";

    public static CscanGrid read(Path file) {
        return read(file.toString(), file, null);
    }

    /** Whether a file of this name is a C-scan format. */
    public static boolean isCscanName(String name) {
        return name.toLowerCase(Locale.ROOT).matches(".*\\.(csv|png|tif|tiff|npy)$");
    }

    /**
     * Reads a C-scan whose format is given by {@code name} and whose bytes are at {@code data} (the
     * file itself, or a blob of the record with no extension); the sidecar is {@code sidecarJson}
     * when given, else the file beside {@code data}. Messages name {@code name}'s source.
     */
    public static CscanGrid read(String name, Path data, String sidecarJson) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) return CscanCsv.read(name, data);
        if (n.endsWith(".png") || n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".npy")) {
            Sidecar side = sidecarJson != null ? Sidecar.parse(name, sidecarJson) : Sidecar.of(data);
            return n.endsWith(".npy") ? CscanImage.readNpy(name, data, side) : CscanImage.read(name, data, side);
        }
        throw new InputException(name, "extension", FORMATS, "'" + Path.of(name).getFileName() + "'");
    }
}
