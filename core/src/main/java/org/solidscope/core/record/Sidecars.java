package org.solidscope.core.record;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.solidscope.core.InputException;
import org.solidscope.core.Json;

/**
 * A source's JSON sidecar, and the cell and state of a file as most modalities find them: the user's hints
 * ({@code cell_id}, {@code state}) win, then the sidecar's {@code cell_id} and {@code state}, then the file name
 * matched by a pattern with groups {@code cell} and {@code state}.
 */
public final class Sidecars {
    private Sidecars() {}

    /** The parsed sidecar, or null when there is none; bad JSON is bad input naming the sidecar. */
    public static JsonNode read(Source source) {
        if (source.sidecarJson() == null) return null;
        try {
            return Json.mapper().readTree(source.sidecarJson());
        } catch (IOException e) {
            throw new InputException(source.name() + ".json", "json", "valid JSON", Json.describe(e));
        }
    }

    /** Cell and state from hints, sidecar or {@code name}; throws naming the file and the missing field. */
    public static Modality.Identity identify(Source source, Map<String, String> hints, Pattern name) {
        String src = source.shown();
        String cell = hints.get("cell_id"), state = hints.get("state");
        JsonNode side = read(source);
        if (side != null) {
            if (cell == null && side.hasNonNull("cell_id")) cell = side.get("cell_id").asText();
            if (state == null && side.hasNonNull("state")) state = side.get("state").asText();
        }
        Matcher m = name.matcher(source.name());
        if ((cell == null || state == null) && m.matches()) {
            if (cell == null) cell = m.group("cell");
            if (state == null) state = m.group("state");
        }
        if (cell == null || cell.isBlank()) {
            throw new InputException(src, "cell_id", "a cell id from --cell, the sidecar (cell_id) or a name <cell>_<state>.<ext>", "none");
        }
        if (state == null) throw new InputException(src, "state", "a state from --state, the sidecar (state) or a name <cell>_<state>.<ext>", "none");
        return new Modality.Identity(cell.strip(), CellState.parse(src, state));
    }
}
