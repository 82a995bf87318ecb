package org.solidscope.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.solidscope.core.InputException;

/**
 * Reads and writes volumes by file name: {@code .npy}; {@code .tif}/{@code .tiff} (multi-page,
 * BigTIFF) or a folder of TIFF slices; {@code .raw} with a JSON sidecar; {@code .h5}/{@code .hdf5}/
 * {@code .nxs} with a dataset path written {@code file.h5:/entry/data/data}.
 */
public final class VolumeIO {
    private VolumeIO() {}

    public static final String FORMATS = ".npy, .tif/.tiff (or a folder of TIFF slices), .raw (+ JSON sidecar), .h5/.hdf5/.nxs:/dataset";

    public static VolumeData read(String spec) {
        int colon = spec.indexOf(":/");
        if (colon > 0 && isHdf5(spec.substring(0, colon))) return Hdf5Volume.read(Path.of(spec.substring(0, colon)), spec.substring(colon + 1));
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) return TiffStack.read(p);
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".npy")) return readNpy(p);
        if (n.endsWith(".tif") || n.endsWith(".tiff")) return TiffStack.read(p);
        if (n.endsWith(".raw")) return RawVolume.read(p);
        if (isHdf5(spec)) throw new InputException(spec, "dataset", "FILE" + spec.substring(spec.lastIndexOf('.')) + ":/path/to/dataset", "no dataset path");
        throw new InputException(spec, "extension", FORMATS, "'" + p.getFileName() + "'");
    }

    /**
     * Reads a single-file volume whose format is given by {@code name} and whose bytes are at
     * {@code data} (the file itself or a blob of the record); a raw volume's sidecar is
     * {@code sidecarJson} when given, else the file beside {@code data}; an HDF5 file needs
     * {@code dataset}.
     */
    public static VolumeData read(String name, Path data, String sidecarJson, String dataset) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".npy")) return readNpy(data);
        if (n.endsWith(".tif") || n.endsWith(".tiff")) return TiffStack.read(data);
        if (n.endsWith(".raw")) return RawVolume.read(data, sidecarJson != null ? Sidecar.parse(name, sidecarJson) : Sidecar.of(data));
        if (isHdf5(n)) {
            if (dataset == null) throw new InputException(name, "dataset", "a dataset path (sidecar field \"dataset\")", "none");
            return Hdf5Volume.read(data, dataset);
        }
        throw new InputException(name, "extension", ".npy, .tif/.tiff, .raw (+ sidecar) or .h5/.hdf5/.nxs", "'" + name + "'");
    }

    /** Whether a single file of this name is a volume format. */
    public static boolean isVolumeName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".raw") || isHdf5(n);
    }

    static boolean isHdf5(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".nxs") || n.endsWith(".hdf");
    }

    private static VolumeData readNpy(Path p) {
        Npy.Header h = Npy.readHeader(p);
        int[] s = new int[3];
        return switch (h.type()) {
            case "u1" -> { byte[][] v = Npy.readVolumeU8(p, s); yield new VolumeData(s[0], s[1], s[2], v, Double.NaN); }
            case "u2" -> { short[][] v = Npy.readVolumeU16(p, s); yield new VolumeData(s[0], s[1], s[2], v, Double.NaN); }
            case "f4" -> { float[][] v = Npy.readVolumeF32(p, s); yield new VolumeData(s[0], s[1], s[2], v, Double.NaN); }
            // converting silently would report a float64 volume as float32
            default -> throw new InputException(p.toString(), "descr", "uint8, uint16 or float32 ('|u1', '<u2', '<f4')", Npy.typeName(h.type()));
        };
    }

    /** Throws unless {@code out} has an extension a volume can be written as. */
    public static void checkWritable(Path out, String option) {
        String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!(n.endsWith(".npy") || n.endsWith(".tif") || n.endsWith(".tiff") || n.endsWith(".raw"))) {
            throw new InputException(option, "extension", ".npy, .tif, .tiff or .raw", "'" + out.getFileName() + "'");
        }
    }

    public static void write(Path out, VolumeData v) {
        String n = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".npy")) Npy.writeVolume(out, v.nz(), v.ny(), v.nx(), v.slices());
        else if (n.endsWith(".tif") || n.endsWith(".tiff")) TiffStack.write(out, v, false);
        else if (n.endsWith(".raw")) RawVolume.write(out, v);
        else throw new InputException("--out", "extension", ".npy, .tif, .tiff or .raw", "'" + out.getFileName() + "'");
    }
}
