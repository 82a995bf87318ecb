package org.solidscope.io;

import java.nio.file.Path;
import java.util.Locale;
import org.solidscope.core.InputException;

/** Reads a C-scan from any supported format, chosen by file extension. */
public final class CscanFiles {
    private CscanFiles() {}

    public static final String FORMATS = ".csv, .png, .tif/.tiff (with sidecar), .npy (with sidecar)";

    public static CscanGrid read(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv")) return CscanCsv.read(file);
        if (n.endsWith(".png") || n.endsWith(".tif") || n.endsWith(".tiff")) return CscanImage.read(file);
        if (n.endsWith(".npy")) return CscanImage.readNpy(file);
        throw new InputException(file.toString(), "extension", FORMATS, "'" + file.getFileName() + "'");
    }
}
