package org.solidscope.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The usage text of every command, as picocli prints it without colour, read from {@code help-texts.txt} instead of
 * being built: picocli's help needs its model of the command (and for {@code solidscope --help} of every command),
 * more than half a second of reflection in a cold call. {@code HelpTextsTest} writes the file from picocli's own output
 * and fails when it differs. Only the plain forms are answered here — no arguments, {@code --help} or {@code -h}
 * after a command path; {@code help COMMAND} and anything else go to picocli.
 */
final class HelpTexts {
    private HelpTexts() {}

    static final String FILE = "help-texts.txt";
    /** Starts each text in the file, followed by the command path ("" for solidscope itself) and a newline. */
    static final char MARK = '\f';

    /** The help text these arguments ask for, or null when they ask for something else (or the file is missing). */
    static String lookup(String[] args) {
        String path;
        if (args.length == 0) path = "";
        else if (args.length <= 3 && (args[args.length - 1].equals("--help") || args[args.length - 1].equals("-h"))) {
            path = String.join(" ", java.util.Arrays.copyOf(args, args.length - 1));
        } else return null;
        String all = file();
        if (all == null) return null;
        String head = MARK + path + "\n";
        int at = all.startsWith(head) ? 0 : all.indexOf("\n" + head);
        if (at < 0) return null;
        int from = at == 0 ? head.length() : at + 1 + head.length();
        int end = all.indexOf("\n" + MARK, from);
        return all.substring(from, end < 0 ? all.length() : end + 1);
    }

    private static String file() {
        try (InputStream in = HelpTexts.class.getResourceAsStream(FILE)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
