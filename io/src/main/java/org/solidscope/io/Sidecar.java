package org.solidscope.io;

import org.solidscope.core.AtomicOutput;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;

/**
 * JSON sidecar of a data file: {@code FILE.json} beside {@code FILE}, or {@code STEM.json} where
 * STEM is the file name without its extension. Field accessors throw {@link InputException} naming
 * the sidecar and the field.
 */
public record Sidecar(Path path, JsonNode root) {

    /** Locates and parses the sidecar of {@code dataFile}; throws if none exists. */
    public static Sidecar of(Path dataFile) {
        Sidecar s = find(dataFile);
        if (s == null) {
            throw new InputException(dataFile.toString(), "sidecar", "a JSON sidecar " + dataFile.getFileName() + ".json or "
                    + stem(dataFile) + ".json beside it", "none");
        }
        return s;
    }

    /** Locates and parses the sidecar, or returns null when there is none. */
    public static Sidecar find(Path dataFile) {
        Path a = dataFile.resolveSibling(dataFile.getFileName() + ".json");
        Path b = dataFile.resolveSibling(stem(dataFile) + ".json");
        Path p = Files.exists(a) ? a : Files.exists(b) ? b : null;
        if (p == null) return null;
        AtomicOutput.noteInput(p);
        try {
            return new Sidecar(p, Json.mapper().readTree(p.toFile()));
        } catch (IOException e) {
            throw new InputException(p.toString(), "json", "valid JSON", Json.describe(e), e);
        }
    }

    /** A sidecar given as text (e.g. stored in the record), named after the data file it belongs to. */
    public static Sidecar parse(String dataName, String json) {
        Path p = Path.of(dataName + ".json");
        try {
            return new Sidecar(p, Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new InputException(p.toString(), "json", "valid JSON", Json.describe(e), e);
        }
    }

    /** The sidecar given as text, else the one beside {@code dataFile}, else null. */
    public static Sidecar findOr(String dataName, Path dataFile, String json) {
        return json != null ? parse(dataName, json) : find(dataFile);
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    public boolean has(String field) {
        return root.hasNonNull(field);
    }

    public double number(String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) throw new InputException(path.toString(), field, "a number", "missing");
        if (!n.isNumber()) throw new InputException(path.toString(), field, "a number", n.toString());
        return n.asDouble();
    }

    public double number(String field, double dflt) {
        return has(field) ? number(field) : dflt;
    }

    public String text(String field, String dflt) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (dflt == null) throw new InputException(path.toString(), field, "a string", "missing");
            return dflt;
        }
        if (!n.isTextual()) throw new InputException(path.toString(), field, "a string", n.toString());
        return n.asText();
    }

    /** An integer array such as a shape {@code [ny, nx, nt]} of the given length. */
    public long[] longs(String field, int length) {
        JsonNode n = root.get(field);
        if (n == null || !n.isArray() || n.size() != length) {
            throw new InputException(path.toString(), field, "an array of " + length + " integers", n == null ? "missing" : n.toString());
        }
        long[] r = new long[length];
        for (int i = 0; i < length; i++) {
            JsonNode e = n.get(i);
            if (!e.canConvertToLong() || !e.isIntegralNumber() || e.asLong() <= 0) {
                throw new InputException(path.toString(), field, "positive integers", n.toString());
            }
            r[i] = e.asLong();
        }
        return r;
    }
}
