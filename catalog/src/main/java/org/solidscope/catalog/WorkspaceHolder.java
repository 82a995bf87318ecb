package org.solidscope.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.solidscope.core.InputException;

/**
 * Which process has a workspace open. The embedded database admits one process at a time and its
 * own refusal names neither the process nor a remedy; each process that opens a workspace therefore
 * leaves a note ({@code <ws>/in-use-by}: process id, command, since when) that a refused process
 * reads back to the user.
 */
final class WorkspaceHolder {
    static final String FILE = "in-use-by";
    /** H2's "Database may be already in use". */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    private final Path file;
    private final String note;

    private WorkspaceHolder(Path file, String note) {
        this.file = file;
        this.note = note;
    }

    static boolean isLockedByAnotherProcess(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException q && q.getErrorCode() == H2_DATABASE_ALREADY_OPEN) return true;
            if (t.getMessage() != null && t.getMessage().contains("Database may be already in use")) return true;
        }
        return false;
    }

    /** Leaves the note naming this process (best effort: a read-only workspace still opens). */
    static WorkspaceHolder claim(Path workspace) {
        Path f = workspace.resolve(FILE);
        String note = "process " + ProcessHandle.current().pid() + " (" + command() + "), since " + Instant.now().toString().substring(0, 19) + "Z";
        try {
            Files.writeString(f, note + System.lineSeparator());
        } catch (IOException e) {
            return new WorkspaceHolder(null, note);
        }
        return new WorkspaceHolder(f, note);
    }

    /** Removes the note if it is still this process's. */
    void release() {
        if (file == null) return;
        try {
            if (Files.exists(file) && Files.readString(file).strip().equals(note)) Files.delete(file);
        } catch (IOException ignored) {
            // a stale note names a process that has ended; the message says so
        }
    }

    /** The refusal a second process gets: who holds the workspace and what to do. */
    static InputException inUse(Path workspace) {
        String who = "another process";
        try {
            Path f = workspace.resolve(FILE);
            if (Files.exists(f)) {
                who = Files.readString(f).strip();
                long pid = Long.parseLong(who.replaceAll("^process (\\d+).*", "$1"));
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                    who += " — that process has ended; another one holds it now";
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // the note is a courtesy; the refusal stands without it
        }
        return new InputException(workspace.toString(), "workspace",
                "a workspace no other process has open: stop that process (e.g. the server) and try again, or let every process share "
                        + "one PostgreSQL record with --db jdbc:postgresql://…", "in use by " + who);
    }

    /** How this process was started, as a user typed it where that can be found ("solidscope serve --port 8080"). */
    private static String command() {
        List<String> args = ProcessHandle.current().info().arguments().map(List::of).orElse(List.of());
        int jar = args.indexOf("-jar");
        if (jar >= 0 && jar + 2 <= args.size()) {
            List<String> rest = args.subList(jar + 2, args.size());
            return String.join(" ", rest.isEmpty() ? List.of("solidscope") : java.util.stream.Stream.concat(java.util.stream.Stream.of("solidscope"), rest.stream()).toList());
        }
        return "java " + ProcessHandle.current().info().command().map(c -> Path.of(c).getFileName().toString()).orElse("process");
    }
}
