package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The fast command line is picocli's: its table is made from picocli's model, and it parses as picocli does or not at all. */
class FastCommandsTest {
    static final Path TABLE = Path.of("src/main/resources/org/solidscope/app/" + FastCommands.TABLE);

    /** The table of every command whose arguments the fast path can take, from picocli's model of the whole tree. */
    static String table() {
        StringBuilder out = new StringBuilder("# made by FastCommandsTest from picocli's model of every command (mvn test -Dtest=FastCommandsTest "
                + "-Dsolidscope.writeFastTable=true rewrites it); read by FastCommands\n");
        List<CommandLine> leaves = new ArrayList<>();
        collect(Main.commandLine(new String[] {"--help"}), leaves);
        for (CommandLine cl : leaves) {
            String rows = rows(cl.getCommandSpec());
            if (rows != null) out.append(rows);
        }
        return out.toString();
    }

    static void collect(CommandLine cl, List<CommandLine> leaves) {
        if (cl.getSubcommands().isEmpty()) {
            if (cl.getCommandSpec().parent() != null) leaves.add(cl);
            return;
        }
        for (CommandLine sub : cl.getSubcommands().values()) if (sub.getCommandSpec().parent() == cl.getCommandSpec()) collect(sub, leaves);
    }

    /** The rows of one command, or null when any of its arguments is more than the fast path takes. */
    static String rows(CommandSpec spec) {
        Object user = spec.userObject();
        if (user == null || user instanceof Class<?> || !user.getClass().getName().startsWith("org.solidscope.") || !spec.argGroups().isEmpty()) return null;
        // -h and -V come as picocli's own mixin; they are left to picocli (help), any other mixin is not taken
        for (String m : spec.mixins().keySet()) if (!m.equals("mixinStandardHelpOptions")) return null;
        for (Class<?> c = user.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(CommandLine.Spec.class) || f.isAnnotationPresent(CommandLine.Mixin.class) || f.isAnnotationPresent(CommandLine.ParentCommand.class)
                        || f.isAnnotationPresent(CommandLine.ArgGroup.class) || f.isAnnotationPresent(CommandLine.Unmatched.class)) return null;
            }
        }
        String name = spec.qualifiedName(" ").replaceFirst("^solidscope ", "");
        StringBuilder sb = new StringBuilder();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.index().min() != p.index().max() || p.index().isVariable() || p.arity().max() != 1) return null;
            String row = row(name, user, p, "param", Integer.toString(p.index().min()), p.arity().min() == 1);
            if (row == null) return null;
            sb.append(row);
        }
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            if (o.negatable() || o.interactive()) return null;
            boolean flag = o.type() == boolean.class || o.type() == Boolean.class;
            if (flag ? o.arity().max() != 0 || "true".equals(o.defaultValue()) : o.arity().min() != 1 || o.arity().max() != 1) return null;
            for (String n : o.names()) {
                if (!n.startsWith("--")) return null;
                String row = row(name, user, o, flag ? "flag" : "option", n, o.required());
                if (row == null) return null;
                sb.append(row);
            }
        }
        return sb.toString();
    }

    static String row(String command, Object user, ArgSpec a, String kind, String name, boolean required) {
        if (!(a.userObject() instanceof Field f) || f.getDeclaringClass() != user.getClass()) return null;
        if (a.isMultiValue() || a.converters().length > 0 || !a.splitRegex().isEmpty()) return null;
        String type = a.type().getName();
        if (!FastCommands.TYPES.contains(type) && !a.type().isEnum()) return null;
        String def = a.defaultValue();
        if (def != null && def.contains("${")) return null;
        return String.join("\t", command, user.getClass().getName(), kind, name, f.getName(), type, def == null ? "" : def, Boolean.toString(required)) + "\n";
    }

    static final Path SETTERS = Path.of("src/main/java/org/solidscope/app/FastCommandSetters.java");

    /** The source of {@link FastCommandSetters}: a constructor call per class and an assignment per field of the table. */
    static String setters(Map<String, List<FastCommands.Arg>> table) {
        Map<String, Map<String, String>> byClass = new java.util.TreeMap<>(); // class → field → type
        for (List<FastCommands.Arg> spec : table.values()) {
            for (FastCommands.Arg a : spec) byClass.computeIfAbsent(a.className(), k -> new java.util.TreeMap<>()).put(a.field(), a.type());
        }
        StringBuilder s = new StringBuilder("""
                package org.solidscope.app;

                // made by FastCommandsTest from fast-commands.tsv (mvn test -pl app -Dtest=FastCommandsTest -Dsolidscope.writeFastTable=true
                // rewrites both); read by FastCommands

                /**
                 * Makes the commands of the fast command line and sets their fields without reflection: the first reflective
                 * construction or field write of a JVM spins method handles, about 50 ms of a cold call. Values convert as
                 * picocli's built-in converters convert them; a value that does not convert throws, and picocli takes the call.
                 */
                final class FastCommandSetters {
                    private FastCommandSetters() {}

                    /** A new command of the class, or null for a class the table does not have. */
                    static Object create(String className) {
                        return switch (className) {
                """);
        for (String c : byClass.keySet()) s.append("            case \"").append(c).append("\" -> new ").append(c.replace('$', '.')).append("();\n");
        s.append("""
                            default -> null;
                        };
                    }

                    /** Sets field {@code field} of a command made by {@link #create} to {@code text} converted; false for a field the table does not have. */
                    static boolean set(Object command, String field, String text) {
                        switch (command.getClass().getName()) {
                """);
        for (var c : byClass.entrySet()) {
            String type = c.getKey().replace('$', '.');
            s.append("            case \"").append(c.getKey()).append("\" -> {\n");
            s.append("                ").append(type).append(" c = (").append(type).append(") command;\n");
            s.append("                switch (field) {\n");
            for (var f : c.getValue().entrySet()) {
                s.append("                    case \"").append(f.getKey()).append("\" -> c.").append(f.getKey()).append(" = ").append(conversion(f.getValue())).append(";\n");
            }
            s.append("                    default -> {\n                        return false;\n                    }\n                }\n            }\n");
        }
        s.append("""
                            default -> {
                                return false;
                            }
                        }
                        return true;
                    }
                }
                """);
        return s.toString();
    }

    /** The expression that converts {@code text} to a field of the type, as picocli's built-in converter does. */
    static String conversion(String type) {
        return switch (type) {
            case "java.lang.String" -> "text";
            case "java.nio.file.Path" -> "java.nio.file.Path.of(text)";
            case "int" -> "Integer.parseInt(text)";
            case "java.lang.Integer" -> "Integer.valueOf(text)";
            case "long" -> "Long.parseLong(text)";
            case "java.lang.Long" -> "Long.valueOf(text)";
            case "double" -> "Double.parseDouble(text)";
            case "java.lang.Double" -> "Double.valueOf(text)";
            case "boolean", "java.lang.Boolean" -> "FastCommands.bool(text)";
            default -> type.replace('$', '.') + ".valueOf(text)"; // an enum
        };
    }

    @Test
    void theTableIsPicoclisModel() throws Exception {
        String made = table();
        if (Boolean.getBoolean("solidscope.writeFastTable")) Files.writeString(TABLE, made);
        assertEquals(made, Files.readString(TABLE, StandardCharsets.UTF_8),
                "the fast command table is out of date: run mvn test -pl app -Dtest=FastCommandsTest -Dsolidscope.writeFastTable=true");
        String setters = setters(FastCommands.table());
        if (Boolean.getBoolean("solidscope.writeFastTable")) Files.writeString(SETTERS, setters);
        assertEquals(setters, Files.readString(SETTERS, StandardCharsets.UTF_8),
                "FastCommandSetters is out of date: run mvn test -pl app -Dtest=FastCommandsTest -Dsolidscope.writeFastTable=true");
        Map<String, List<FastCommands.Arg>> t = FastCommands.table();
        for (String c : List.of("ct label", "ct reconstruct", "ct median", "ct open", "ut gate")) assertTrue(t.containsKey(c), c + " takes the fast path");
        assertTrue(t.size() > 20, t.keySet().toString());
    }

    /** A value of a type, unlike any default: what a user might type. */
    static String sample(String type, int k) {
        return switch (type) {
            case "java.lang.String" -> "s" + k;
            case "java.nio.file.Path" -> "dir/f" + k + ".npy";
            case "int", "java.lang.Integer", "long", "java.lang.Long" -> Integer.toString(1000 + k);
            case "double", "java.lang.Double" -> "0." + (17 + k);
            default -> null;
        };
    }

    @Test
    void everyCommandParsesAsPicocliParsesIt() throws Exception {
        int compared = 0;
        for (var e : FastCommands.table().entrySet()) {
            List<FastCommands.Arg> spec = e.getValue();
            Class<?> type = Class.forName(spec.get(0).className());
            // the required arguments, then each option one at a time, then all of them at once (by their first name)
            List<String> base = new ArrayList<>(List.of(e.getKey().split(" ")));
            List<String> all = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            List<List<String>> extras = new ArrayList<>();
            int k = 0;
            for (FastCommands.Arg a : spec) {
                String v = a.kind().equals("flag") ? null : sample(a.type(), k++);
                if (!a.kind().equals("flag") && v == null) continue; // an enum: left to its default
                if (a.kind().equals("param")) {
                    base.add(v);
                    continue;
                }
                if (a.required()) {
                    if (seen.add(a.field())) base.addAll(v == null ? List.of(a.name()) : List.of(a.name(), v));
                    continue;
                }
                List<String> one = v == null ? List.of(a.name()) : List.of(a.name(), v);
                extras.add(one);
                if (seen.add(a.field())) all.addAll(one);
            }
            List<List<String>> calls = new ArrayList<>();
            calls.add(base);
            for (List<String> x : extras) calls.add(concat(base, x));
            calls.add(concat(base, all));
            for (List<String> call : calls) {
                String[] args = call.toArray(String[]::new);
                Callable<?> fast = FastCommands.parse(args);
                assertNotNull(fast, String.join(" ", args));
                Object mine = fast instanceof Callable<?> c && type.isInstance(c) ? c : null;
                assertNotNull(mine, "the fast path builds the command itself: " + String.join(" ", args));
                Object theirs = picocli(type, call.subList(e.getKey().split(" ").length, call.size()));
                for (FastCommands.Arg a : spec) {
                    Field f = type.getDeclaredField(a.field());
                    f.setAccessible(true);
                    assertTrue(Objects.equals(f.get(theirs), f.get(mine)), String.join(" ", args) + ": " + a.field() + " " + f.get(theirs) + " against " + f.get(mine));
                }
                compared++;
            }
        }
        assertTrue(compared > 100, compared + " calls compared");
    }

    static Object picocli(Class<?> type, List<String> args) throws Exception {
        var ctor = type.getDeclaredConstructor();
        ctor.setAccessible(true);
        Object o = ctor.newInstance();
        new CommandLine(o).parseArgs(args.toArray(String[]::new));
        return o;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        String[][] others = {
            {"ct", "label", "m.npy", "--out", "l.npy", "--help"}, // help
            {"ct", "label", "m.npy", "--out", "l.npy", "--nosuch", "1"}, // unknown option
            {"ct", "label", "m.npy", "--out", "l.npy", "--out", "k.npy"}, // repeated
            {"ct", "label", "m.npy", "--out", "l.npy", "--connectivity", "many"}, // does not convert
            {"ct", "label", "m.npy"}, // a required option missing
            {"ct", "label", "m.npy", "n.npy", "--out", "l.npy"}, // a positional too many
            {"ct", "label", "--", "m.npy", "--out", "l.npy"},
            {"ct", "label", "@args.txt"},
            {"ct", "label", "m.npy", "--out"}, // no value
            {"ct", "label", "m.npy", "--out", "--json"}, // an option where a value belongs
            {"ct", "lable", "m.npy", "--out", "l.npy"}, // no such command
            {"ct", "--help"}, {"--help"}, {"--version"}, {},
        };
        for (String[] a : others) assertNull(FastCommands.parse(a), String.join(" ", a));
        assertNotNull(FastCommands.parse(new String[] {"ct", "label", "m.npy", "--out=l.npy", "--connectivity", "6"}));
    }

    @Test
    void aFastCallRunsAndFailsAsAPicocliCall() throws Exception {
        Path dir = Files.createTempDirectory("fast");
        Path vol = dir.resolve("v.npy"), out = dir.resolve("m.npy");
        assertEquals(0, CliTest.run("ct", "phantom", "--size", "24", "--out", vol.toString()).code());
        CliTest.Run ok = CliTest.run("ct", "threshold", vol.toString(), "--out", out.toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(Files.size(out) > 24 * 24 * 24);
        // bad input: exit 2 naming the option, nothing written, whichever parser took the call
        CliTest.Run bad = CliTest.run("ct", "label", out.toString(), "--connectivity", "7", "--out", dir.resolve("l.npy").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("connectivity"), bad.err());
        assertTrue(!Files.exists(dir.resolve("l.npy")));
        CliTest.Run missing = CliTest.run("ct", "label", dir.resolve("none.npy").toString(), "--out", dir.resolve("l.npy").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.npy"), missing.err());
    }
}
