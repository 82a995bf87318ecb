package org.solidscope.ultrasound;

import java.util.Arrays;
import java.util.Locale;
import org.solidscope.core.InputException;

/** Process stage at which a pouch cell is scanned. */
public enum Stage {
    /** After the liquid precursor has been infiltrated into the stack. */
    INFILTRATION,
    /** After in-situ polymerisation of the precursor. */
    SOLIDIFICATION,
    /** After formation cycling (Li deposition expands the anode). */
    FORMATION;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    /** Parses {@code infiltration | solidification | formation} (case-insensitive). */
    public static Stage parse(String source, String text) {
        for (Stage s : values()) {
            if (s.id().equalsIgnoreCase(text == null ? "" : text.strip())) return s;
        }
        throw new InputException(source, "stage", "one of " + Arrays.stream(values()).map(Stage::id).toList(), "'" + text + "'");
    }
}
