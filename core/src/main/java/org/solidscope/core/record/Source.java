package org.solidscope.core.record;

import java.nio.file.Path;

/**
 * One instrument file as a pipeline reads it: its name (which carries the format and appears in every
 * error message), where its bytes are (a path, which may be a blob of the array store with no
 * extension), and its JSON sidecar if any.
 *
 * @param name        the file's own name, e.g. {@code battery-1_formation.csv}
 * @param data        where the bytes are
 * @param sidecarJson the sidecar's text, or null
 * @param sha256      the bytes' SHA-256 when the caller has computed it already, or null
 */
public record Source(String name, Path data, String sidecarJson, String sha256) {
    public Source {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a source needs a name");
    }

    /** A file on disk, with the sidecar beside it (read by the caller) or none. */
    public static Source of(Path file, String sidecarJson) {
        return new Source(file.getFileName().toString(), file, sidecarJson, null);
    }

    /** The same source with its checksum known (so a pipeline's provenance does not read the bytes again). */
    public Source withSha256(String sha) {
        return new Source(name, data, sidecarJson, sha);
    }

    /** The bytes' SHA-256: as given, else computed from the data. */
    public String checksum() {
        return sha256 != null ? sha256 : org.solidscope.core.Checksums.sha256(data);
    }

    /** The name an error message shows: the path when the data is the named file itself, else the name. */
    public String shown() {
        return data != null && data.getFileName() != null && data.getFileName().toString().equals(name) ? data.toString() : name;
    }
}
