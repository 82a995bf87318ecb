package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help printed from help-texts.txt is picocli's, word for word, for every command. */
class HelpTextsTest {
    static final Path FILE = Path.of("src/main/resources/org/solidscope/app/" + HelpTexts.FILE);

    /** Every command path: solidscope itself (""), the groups, the leaves (not picocli's own help command). */
    static List<String> paths() {
        List<String> paths = new ArrayList<>();
        collect(Main.commandLine(new String[] {"--help"}), "", paths);
        return paths;
    }

    static void collect(CommandLine cl, String path, List<String> paths) {
        if (cl.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) return;
        paths.add(path);
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getValue().getCommandSpec().parent() != cl.getCommandSpec() || !e.getKey().equals(e.getValue().getCommandName())) continue; // aliases
            collect(e.getValue(), path.isEmpty() ? e.getKey() : path + " " + e.getKey(), paths);
        }
    }

    /** What picocli prints for {@code path --help}, without colour. */
    static String picocli(String path) {
        List<String> args = new ArrayList<>(path.isEmpty() ? List.of() : List.of(path.split(" ")));
        args.add("--help");
        String[] a = args.toArray(String[]::new);
        CommandLine cl = Main.commandLine(a);
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        assertEquals(0, cl.execute(a), path);
        return out.toString();
    }

    @Test
    void theFileIsPicoclisHelp() throws Exception {
        StringBuilder made = new StringBuilder();
        List<String> paths = paths();
        for (String p : paths) made.append(HelpTexts.MARK).append(p).append('\n').append(picocli(p));
        if (Boolean.getBoolean("solidscope.writeFastTable")) Files.writeString(FILE, made);
        assertEquals(made.toString(), Files.readString(FILE, StandardCharsets.UTF_8),
                "help-texts.txt is out of date: run mvn test -pl app -Dtest=HelpTextsTest -Dsolidscope.writeFastTable=true");
        assertTrue(paths.size() > 60, paths.size() + " commands");
        for (String p : paths) {
            List<String> args = new ArrayList<>(p.isEmpty() ? List.of() : List.of(p.split(" ")));
            args.add("--help");
            assertEquals(picocli(p), HelpTexts.lookup(args.toArray(String[]::new)), p);
            args.set(args.size() - 1, "-h");
            assertEquals(picocli(p), HelpTexts.lookup(args.toArray(String[]::new)), p + " -h");
        }
        assertEquals(picocli(""), HelpTexts.lookup(new String[0]), "no arguments");
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        for (String[] a : new String[][] {{"ct", "lable", "--help"}, {"help"}, {"help", "ct"}, {"ct", "label", "m.npy", "--help"}, {"--version"}, {"ct"}}) {
            assertNull(HelpTexts.lookup(a), String.join(" ", a));
        }
        CliTest.Run r = CliTest.run("ct", "label", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("Usage: solidscope ct label"), r.out());
    }
}
