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
 */
public record Source(String name, Path data, String sidecarJson) {
    public Source {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a source needs a name");
    }

    /** A file on disk, with the sidecar beside it (read by the caller) or none. */
    public static Source of(Path file, String sidecarJson) {
        return new Source(file.getFileName().toString(), file, sidecarJson);
    }

    /** The name an error message shows: the path when the data is the named file itself, else the name. */
    public String shown() {
        return data != null && data.getFileName() != null && data.getFileName().toString().equals(name) ? data.toString() : name;
    }
}
