package org.solidscope.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The command line without picocli for the plain calls of simple commands: picocli builds its model of a command
 * by reflection over annotations in every fresh JVM, about 0.3 s of a cold call that the start-up cache cannot hold,
 * longer than some of the work (a 512² reconstruction).
 *
 * <p>{@code fast-commands.tsv} lists, for every command whose options are plain values (no mixins, no injected
 * spec, no custom converters, no lists), each positional parameter and option: the field it sets, its type, its
 * default and whether it is required. The table is made from picocli's own model and {@code FastCommandsTest}
 * fails when it differs, or when a parse here differs from picocli's; the same test writes {@link FastCommandSetters},
 * which makes the command and sets its fields without reflection. Anything this parser does not take exactly
 * as picocli would — help, an unknown or repeated option, a value that does not convert, a missing required
 * option, {@code --}, {@code @file} — returns null, and picocli handles the call (and its error message).
 */
final class FastCommands {
    private FastCommands() {}

    /** One row of the table: a positional ({@code name} its index) or an option ({@code name} one of its names). */
    record Arg(String command, String className, String kind, String name, String field, String type, String defaultValue, boolean required) {}

    static final String TABLE = "fast-commands.tsv";
    private static volatile Map<String, List<Arg>> byCommand;

    static Map<String, List<Arg>> table() {
        Map<String, List<Arg>> t = byCommand;
        if (t != null) return t;
        t = new HashMap<>();
        java.io.InputStream in = FastCommands.class.getResourceAsStream(TABLE);
        if (in == null) return byCommand = Map.of(); // no table: every call goes through picocli
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] c = line.split("\t", -1);
                t.computeIfAbsent(c[0], k -> new ArrayList<>()).add(new Arg(c[0], c[1], c[2], c[3], c[4], c[5], c[6].isEmpty() ? null : c[6], c[7].equals("true")));
            }
        } catch (java.io.IOException e) {
            t = Map.of();
        }
        return byCommand = t;
    }

    /** The command these arguments call, ready to run; null when picocli should parse them. */
    static Callable<?> parse(String[] args) {
        if (args.length == 0) return null;
        Map<String, List<Arg>> t = table();
        List<Arg> spec = null;
        int used = 0;
        // the command path is one or two words (ct label, reanalyze)
        if (args.length >= 2) spec = t.get(args[0] + " " + args[1]);
        if (spec != null) used = 2;
        else if ((spec = t.get(args[0])) != null) used = 1;
        if (spec == null) return null;
        try {
            return parse(spec, args, used);
        } catch (RuntimeException e) {
            return null; // picocli says what is wrong
        }
    }

    private static Callable<?> parse(List<Arg> spec, String[] args, int from) {
        Map<String, Arg> options = new HashMap<>();
        Map<Integer, Arg> positionals = new HashMap<>();
        for (Arg a : spec) {
            if (a.kind().equals("param")) positionals.put(Integer.parseInt(a.name()), a);
            else options.put(a.name(), a);
        }
        Map<String, String> values = new LinkedHashMap<>(); // field → text ("true" for a flag)
        int position = 0;
        for (int i = from; i < args.length; i++) {
            String token = args[i];
            if (token.startsWith("@") || token.equals("--")) return null;
            if (token.startsWith("-")) {
                String name = token, value = null;
                int eq = token.indexOf('=');
                if (eq > 0) {
                    name = token.substring(0, eq);
                    value = token.substring(eq + 1);
                }
                Arg a = options.get(name);
                if (a == null) return null; // help, a short option, an unknown one: picocli
                if (values.containsKey(a.field())) return null;
                if (a.kind().equals("flag")) {
                    if (value != null) return null;
                    values.put(a.field(), "true");
                } else {
                    if (value == null) {
                        if (i + 1 >= args.length) return null;
                        value = args[++i];
                        if (value.startsWith("-") && !isNumber(value)) return null;
                    }
                    values.put(a.field(), value);
                }
            } else {
                Arg a = positionals.get(position++);
                if (a == null) return null;
                values.put(a.field(), token);
            }
        }
        Object command = FastCommandSetters.create(spec.get(0).className());
        if (command == null) return null;
        Set<String> done = new HashSet<>();
        for (Arg a : spec) {
            if (!done.add(a.field())) continue; // an option's other names
            String text = values.get(a.field());
            if (text == null && a.required()) return null;
            if (text == null) text = a.defaultValue();
            if (text == null) continue; // the field keeps its initial value, as with picocli
            if (!FastCommandSetters.set(command, a.field(), text)) return null;
        }
        if (command instanceof Callable<?> c) return c;
        if (command instanceof Runnable r) return () -> {
            r.run();
            return 0;
        };
        return null;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A boolean as picocli's converter takes it: true or false in any case, nothing else. */
    static boolean bool(String text) {
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) throw new IllegalArgumentException(text);
        return Boolean.parseBoolean(text);
    }

    static final Set<String> TYPES = Set.of("java.lang.String", "java.nio.file.Path", "int", "java.lang.Integer", "long", "java.lang.Long", "double",
            "java.lang.Double", "boolean", "java.lang.Boolean");
}
