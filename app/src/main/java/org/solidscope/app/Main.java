package org.solidscope.app;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.InputException;
import org.solidscope.core.MemoryBudget;
import org.solidscope.core.NumericalException;
import org.solidscope.core.SoftwareVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code solidscope} command line. Exit codes: 0 success, 1 failure, 2 bad input or usage. */
@Command(name = "solidscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Non-destructive inspection and correlative characterization of solid-state lithium batteries.",
        footer = {"", "Examples:", "  solidscope demo", "  solidscope ut analyze scan.csv --stage infiltration --json result.json",
                "  solidscope ut --help"})
public final class Main implements Runnable {
    public static final int EXIT_FAILURE = 1, EXIT_BAD_INPUT = 2;

    /** The commands in the order --help lists them, by name (as their @Command says). */
    static final String[] NAMES = {"ut", "acoustics", "ct", "design", "eis", "cycling", "cv", "xcs", "ingest", "cells", "lot", "reanalyze", "rejudge", "spec",
            "export", "serve", "token", "demo", "bench", "help"};
    static final Class<?>[] COMMANDS = {UtCommand.class, AcousticsCommand.class, CtCommand.class, DesignCommand.class, EisCommand.class, CyclingCommand.class,
            CvCommand.class, XcsCommand.class, IngestCommand.class, CellsCommand.class, LotCommand.class, ReanalyzeCommand.class, RejudgeCommand.class,
            SpecCommand.class, ExportCommand.class, ServeCommand.class, TokenCommand.class, DemoCommand.class, BenchCommand.class, CommandLine.HelpCommand.class};

    /**
     * The command line with the subcommand the arguments name, none for --version, or every one (for --help, help, a
     * name that does not exist): building picocli's model of all ~100 commands costs more than half a second of reflection, paid before any
     * work; a call pays only for its own command's tree.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length == 0 ? null : args[0];
        int only = -1;
        for (int k = 0; k < NAMES.length; k++) if (NAMES[k].equals(first) && !first.equals("help")) only = k;
        if ("--version".equals(first) || "-V".equals(first)) return cl; // needs no command at all
        for (int k = 0; k < COMMANDS.length; k++) {
            if (only >= 0 && k != only) continue;
            Class<?>[] subs = COMMANDS[k] == CtCommand.class ? CtCommand.SUBCOMMANDS : COMMANDS[k] == UtCommand.class ? UtCommand.SUBCOMMANDS : null;
            if (subs == null) {
                cl.addSubcommand(COMMANDS[k]);
                continue;
            }
            // the compute groups build only the subcommand named (ct label: one model, not eleven); all of them for help or a typo
            String second = only >= 0 && args.length > 1 ? args[1] : null;
            boolean known = false;
            for (Class<?> c : subs) known |= c.getAnnotation(Command.class).name().equals(second);
            CommandLine group = new CommandLine(COMMANDS[k] == CtCommand.class ? new CtCommand() : new UtCommand());
            for (Class<?> c : subs) if (!known || c.getAnnotation(Command.class).name().equals(second)) group.addSubcommand(c);
            cl.addSubcommand(group);
        }
        return cl;
    }

    private static final ThreadLocal<Boolean> KEEP_OUTPUTS = ThreadLocal.withInitial(() -> false);

    /**
     * Marks this call's outputs as complete although it will exit 1: a batch whose outputs report every item, the failed
     * ones with their reasons, keeps them (the exit still says that something failed).
     */
    static void keepOutputsOnFailure() {
        KEEP_OUTPUTS.set(true);
    }

    /** The writer of the current run: every command prints through it, so a test that passes its own reads what was printed. */
    private static volatile PrintWriter current = new PrintWriter(System.out, true);

    static PrintWriter out() { return current; }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // answered before picocli starts: its first use costs a quarter of a second (its classes predate class-data sharing)
            System.out.println(new Version().getVersion()[0]);
            return;
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        String help = HelpTexts.lookup(args);
        if (help != null) { // printed, not built: picocli's model of the commands costs a cold call more than half a second
            out.print(help);
            out.flush();
            return 0;
        }
        // a plain call of a simple command needs no picocli model (FastCommands); anything else goes through picocli
        KEEP_OUTPUTS.set(false);
        java.util.concurrent.Callable<?> fast = FastCommands.parse(args);
        CommandLine cl = fast == null ? commandLine(args) : null;
        PrintWriter before = current;
        current = out;
        if (cl != null) {
            cl.setOut(out);
            cl.setErr(err);
            cl.setExecutionExceptionHandler((ex, cmd, parsed) -> failure(ex, err));
            cl.setParameterExceptionHandler((ex, a) -> {
                err.println("solidscope: " + ex.getMessage());
                ex.getCommandLine().usage(err);
                return EXIT_BAD_INPUT;
            });
        }
        // every file a command writes is renamed into place only when the whole command succeeded
        try (AtomicOutput.Batch outputs = AtomicOutput.batch()) {
            int code;
            try {
                code = fast != null ? runFast(fast, err) : cl.execute(args);
            } catch (OutOfMemoryError e) {
                // the readers check sizes before allocating; this is what remains (an input large for the work asked)
                err.println("solidscope: out of memory: the input needs more than the " + MemoryBudget.human(Runtime.getRuntime().maxMemory())
                        + " heap this process may use; raise it with SOLIDSCOPE_JAVA_OPTS=-Xmx… or crop the input");
                return EXIT_BAD_INPUT;
            } catch (StackOverflowError e) {
                err.println("solidscope: failed: the input nests deeper than this process can follow");
                return EXIT_BAD_INPUT;
            }
            if (code == 0 || code == EXIT_FAILURE && KEEP_OUTPUTS.get()) {
                try {
                    outputs.commit();
                } catch (InputException e) {
                    err.println("solidscope: bad input: " + e.getMessage());
                    return EXIT_BAD_INPUT;
                } catch (UncheckedIOException e) {
                    err.println("solidscope: " + e.getMessage());
                    return EXIT_FAILURE;
                }
            }
            return code;
        } finally {
            out.flush();
            current = before;
        }
    }

    private static int runFast(java.util.concurrent.Callable<?> command, PrintWriter err) {
        try {
            Object r = command.call();
            return r instanceof Integer code ? code : 0;
        } catch (Exception ex) {
            return failure(ex, err);
        }
    }

    /** The exit code of a command that threw, and what the user is told (the same whichever parser took the call). */
    static int failure(Exception ex, PrintWriter err) {
        Throwable t = ex;
        while (!(t instanceof InputException) && t.getCause() != null && t != t.getCause()) t = t.getCause();
        if (t instanceof InputException ie) {
            err.println("solidscope: bad input: " + ie.getMessage());
            return EXIT_BAD_INPUT;
        }
        if (ex instanceof UncheckedIOException io) {
            String reason = io.getCause() == null ? null : AtomicOutput.reason(io.getCause());
            err.println("solidscope: " + io.getMessage() + (reason != null && !io.getMessage().contains(reason) ? ": " + reason : ""));
            return EXIT_FAILURE;
        }
        for (Throwable c = ex; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof NumericalException ne) { // no convergence, a singular system: the input is fine, the method gave up
                err.println("solidscope: failed: " + ne.getMessage());
                return EXIT_FAILURE;
            }
        }
        err.println("solidscope: internal fault (a defect of SolidScope: please report it with what SOLIDSCOPE_DEBUG=1 prints): " + ex);
        if (System.getenv("SOLIDSCOPE_DEBUG") != null) ex.printStackTrace(err);
        return EXIT_FAILURE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SolidScope " + SoftwareVersion.get() + " (Java " + Runtime.version() + ")"};
        }
    }
}
