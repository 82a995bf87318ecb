package org.solidscope.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.solidscope.core.InputException;
import org.solidscope.io.Sidecar;
import org.solidscope.ultrasound.Stage;

/**
 * Which cell and stage a scan belongs to, from (in this order) its JSON sidecar ({@code cell_id},
 * {@code stage}), its CSV header ({@code # cell_id: …}, {@code # stage: …}), or its file name
 * {@code <cell>_<stage>[_<gain>db].<ext>}, stage one of infiltration, solidification, formation.
 */
public record ScanIdentity(String cellId, Stage stage, String sidecarJson) {
    static final Pattern NAME = Pattern.compile("^(?<cell>.+?)_(?<stage>infiltration|solidification|formation)(_\\d+db)?\\.(csv|png|tif|tiff|npy)$",
            Pattern.CASE_INSENSITIVE);

    public static ScanIdentity of(Path file) {
        String src = file.toString();
        Sidecar side = Sidecar.find(file);
        String cell = null, stage = null;
        if (side != null) {
            if (side.has("cell_id")) cell = side.text("cell_id", null);
            if (side.has("stage")) stage = side.text("stage", null);
        }
        if ((cell == null || stage == null) && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null && line.startsWith("#")) {
                    int colon = line.indexOf(':');
                    if (colon < 0) continue;
                    String k = line.substring(1, colon).strip().toLowerCase(Locale.ROOT), v = line.substring(colon + 1).strip();
                    if (k.equals("cell_id") && cell == null) cell = v;
                    if (k.equals("stage") && stage == null) stage = v;
                }
            } catch (IOException e) {
                throw new InputException(src, "file", "a readable file", e.getMessage());
            }
        }
        Matcher m = NAME.matcher(file.getFileName().toString());
        if ((cell == null || stage == null) && m.matches()) {
            if (cell == null) cell = m.group("cell");
            if (stage == null) stage = m.group("stage");
        }
        if (cell == null || cell.isBlank()) {
            throw new InputException(src, "cell_id", "a cell id in the sidecar, the CSV header or a name <cell>_<stage>.<ext>", "none");
        }
        if (stage == null) throw new InputException(src, "stage", "a stage in the sidecar, the CSV header or the file name", "none");
        String json = null;
        if (side != null) {
            try {
                json = Files.readString(side.path());
            } catch (IOException e) {
                throw new InputException(side.path().toString(), "file", "a readable sidecar", e.getMessage());
            }
        }
        return new ScanIdentity(cell.strip(), Stage.parse(src, stage), json);
    }
}
