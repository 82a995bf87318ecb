package org.solidscope.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.solidscope.core.record.Modality;
import org.solidscope.workflow.ModalityRegistry;

/**
 * The code every modality shares names none of them: no modality's id as a string, no class or package of a modality's
 * module, in the workflow, the catalog, the reports, the fleet jobs and the server. What a modality needs of them goes
 * through {@link Modality}. The catalog's migrations are history and exempt: the one from release 0.1.0 turns an
 * ultrasonic record into the modality-neutral one and has to say so.
 */
class SharedModulesNameNoModalityTest {
    static final List<String> SHARED = List.of("workflow/src/main/java", "catalog/src/main/java", "report/src/main/java", "spark/src/main/java",
            "app/src/main/java/org/solidscope/app/server");

    /** What names a modality: its id in quotes, its class's simple name, its module's package (three parts). */
    static List<Pattern> names(List<Modality> modalities) {
        List<Pattern> out = new ArrayList<>();
        for (Modality m : modalities) {
            out.add(Pattern.compile("\"" + Pattern.quote(m.id()) + "\""));
            out.add(Pattern.compile("\\b" + Pattern.quote(m.getClass().getSimpleName()) + "\\b"));
            String[] pkg = m.getClass().getPackageName().split("\\.");
            out.add(Pattern.compile("\\b" + Pattern.quote(String.join(".", List.of(pkg).subList(0, Math.min(3, pkg.length)))) + "\\b"));
        }
        return out;
    }

    /** Comments removed: a comment may give an example; code may not depend on one. */
    static String code(String java) {
        return java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", "");
    }

    /** Each place a name appears in the code: {@code file:line: match}. */
    static List<String> findings(String file, String java, List<Pattern> names) {
        List<String> out = new ArrayList<>();
        String[] lines = code(java).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            for (Pattern p : names) {
                Matcher m = p.matcher(lines[i]);
                if (m.find()) out.add(file + ":" + (i + 1) + ": " + m.group());
            }
        }
        return out;
    }

    @Test
    void noSharedModuleNamesAModality() throws IOException {
        List<Modality> all = ModalityRegistry.installed();
        assertTrue(all.size() >= 6, "every modality and the toy: " + all.stream().map(Modality::id).toList());
        List<Pattern> names = names(all);
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String dir : SHARED) {
            Path d = root.resolve(dir);
            assertTrue(Files.isDirectory(d), d + " exists");
            try (Stream<Path> s = Files.walk(d)) {
                for (Path f : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    if (f.toString().contains("/catalog/migration/")) continue;
                    files++;
                    found.addAll(findings(root.relativize(f).toString(), read(f), names));
                }
            }
        }
        assertTrue(files > 30, files + " files read");
        assertEquals(List.of(), found);
    }

    /** The check itself finds what it is for: an id, a class and a package, and not the same words in a comment. */
    @Test
    void theCheckFindsANameInCodeAndNotInAComment() {
        List<Pattern> names = names(List.of(new ToyModality()));
        String java = "class A {\n  // a toy: \"toy\" in a comment\n  String id = \"toy\";\n  /* ToyModality */ Object m = new ToyModality();\n"
                + "  org.solidscope.toy.Other o;\n}\n";
        assertEquals(List.of("A.java:3: \"toy\"", "A.java:4: ToyModality", "A.java:5: org.solidscope.toy"), findings("A.java", java, names));
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
