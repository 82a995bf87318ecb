package org.solidscope.echem;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The public instrument files of {@code shared/realdata} beside the project (CI has the folder; a checkout elsewhere names it
 * with {@code SOLIDSCOPE_REALDATA}). A test that needs one is skipped, saying so, when the folder is absent.
 */
public final class RealData {
    private RealData() {}

    /** The folder, or null when it is not there. */
    public static Path root() {
        String env = System.getenv("SOLIDSCOPE_REALDATA");
        if (env != null && Files.isDirectory(Path.of(env))) return Path.of(env);
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path c = p.resolveSibling("shared").resolve("realdata");
            if (Files.isDirectory(c)) return c;
            c = p.resolve("shared").resolve("realdata");
            if (Files.isDirectory(c)) return c;
        }
        return null;
    }

    /** A file of the folder; the test is skipped with a message when it is absent. */
    public static Path file(String relative) {
        Path root = root();
        Assumptions.assumeTrue(root != null && Files.isRegularFile(root.resolve(relative)),
                "shared/realdata/" + relative + " is not here (set SOLIDSCOPE_REALDATA to the folder of public instrument files)");
        return root.resolve(relative);
    }
}
