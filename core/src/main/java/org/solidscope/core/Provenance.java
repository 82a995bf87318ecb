package org.solidscope.core;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What produced a result: software name and version, pipeline name, parameters and input
 * checksums (SHA-256). Same inputs and parameters give the same result, so these fields are enough
 * to reproduce it. {@code createdUtc} is informational and not part of the result's identity.
 */
public record Provenance(String software, String version, String pipeline,
                         Map<String, Object> parameters, Map<String, String> inputSha256, String createdUtc) {
    public Provenance {
        parameters = Map.copyOf(new TreeMap<>(parameters));
        inputSha256 = Map.copyOf(new TreeMap<>(inputSha256));
    }

    public static Provenance of(String pipeline, Map<String, Object> parameters, Map<String, String> inputSha256) {
        return new Provenance("SolidScope", SoftwareVersion.get(), pipeline, parameters, inputSha256,
                Instant.now().toString());
    }
}
