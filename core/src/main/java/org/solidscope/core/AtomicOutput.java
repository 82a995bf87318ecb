package org.solidscope.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file through a temporary sibling and renames it into place, so that a failure or a
 * crash never leaves a half-written file under the target name.
 *
 * <p>Inside a {@link Batch} (the CLI opens one per command) the renames wait until the command
 * {@linkplain Batch#commit() commits}: a command that fails after writing some of its outputs leaves
 * none of them, and an output that would replace a file the command read ({@link #noteInput}) is
 * refused before anything is renamed. A batch belongs to the thread that opened it; files written
 * from other threads are renamed at once.
 *
 * <p>Temporaries are created without explicit permissions, so finished files get the user's umask
 * (a temporary file API would make them readable by the owner only).
 */
public final class AtomicOutput {
    private AtomicOutput() {}

    @FunctionalInterface
    public interface Writer {
        void write(Path temporary) throws IOException;
    }

    private static final ThreadLocal<Batch> CURRENT = new ThreadLocal<>();

    /** The outputs of one command: renamed together on {@link #commit()}, removed on {@link #close()} otherwise. */
    public static final class Batch implements AutoCloseable {
        private record Pending(Path temporary, Path target) {}

        private final List<Pending> pending = new ArrayList<>();
        private final Set<Path> inputs = new LinkedHashSet<>();
        private final Batch outer;

        private Batch(Batch outer) { this.outer = outer; }

        /** Renames every output into place, after checking that none replaces an input. */
        public void commit() {
            try {
                for (Pending p : pending) refuseInput(p.target);
                if (outer != null) {
                    outer.pending.addAll(pending);
                    outer.inputs.addAll(inputs);
                    pending.clear();
                    return;
                }
                for (Pending p : pending) move(p.temporary, p.target);
                pending.clear();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write outputs: " + reason(e), e);
            } finally {
                close();
            }
        }

        /** Removes the temporaries of outputs not committed. */
        @Override
        public void close() {
            if (CURRENT.get() == this) {
                if (outer == null) CURRENT.remove();
                else CURRENT.set(outer);
            }
            for (Pending p : pending) deleteQuietly(p.temporary);
            pending.clear();
        }

        void refuseInput(Path target) {
            for (Path in : inputs) {
                if (sameFile(target, in)) {
                    throw new InputException(target.toString(), "output", "a path other than the command's input " + in,
                            "the input file itself; writing would replace it");
                }
            }
            if (outer != null) outer.refuseInput(target);
        }
    }

    /** Opens a batch on this thread (nested batches commit into nothing: their outer batch renames). */
    public static Batch batch() {
        Batch b = new Batch(CURRENT.get());
        CURRENT.set(b);
        return b;
    }

    /**
     * Suspends this thread's batch until the returned handle is closed: for a command that writes files
     * and then reads them back (the demo ingests the scans it simulated).
     */
    public static Suspension suspend() {
        Batch b = CURRENT.get();
        CURRENT.remove();
        return () -> {
            if (b != null) CURRENT.set(b);
        };
    }

    /** A suspended batch, resumed on {@link #close()}. */
    public interface Suspension extends AutoCloseable {
        @Override
        void close();
    }

    /** Records that the running command reads {@code file}, so that no output of the same batch replaces it. */
    public static void noteInput(Path file) {
        Batch b = CURRENT.get();
        if (b != null && file != null) b.inputs.add(file.toAbsolutePath().normalize());
    }

    /**
     * Refuses an output that would land on a record: a workspace's database files ({@code catalog.*} in a folder that holds
     * {@code catalog.mv.db}) or anything in its array store ({@code arrays/}), found on the path as resolved (symbolic links
     * followed); and an output file whose path names an existing directory.
     */
    public static void refuseRecord(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        Path real = abs;
        try {
            if (Files.exists(abs)) real = abs.toRealPath();
            else if (abs.getParent() != null && Files.exists(abs.getParent())) real = abs.getParent().toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            real = abs;
        }
        if (Files.isDirectory(real)) {
            throw new InputException(target.toString(), "output", "a file to write", "an existing directory");
        }
        for (Path p = real.getParent(); p != null; p = p.getParent()) {
            if (!Files.exists(p.resolve("catalog.mv.db"))) continue;
            Path rel = p.relativize(real);
            boolean database = rel.getNameCount() == 1 && rel.getFileName().toString().startsWith("catalog.");
            boolean arrays = rel.getNameCount() > 1 && rel.getName(0).toString().equals("arrays");
            if (database || arrays) {
                throw new InputException(target.toString(), "output", "a path outside the record of workspace " + p + " (its database and array store)",
                        database ? "the workspace's database" : "a file in the workspace's array store");
            }
        }
    }

    /** Writes {@code target} atomically; inside a batch, the rename waits for the batch's commit. */
    public static void write(Path target, Writer writer) {
        refuseRecord(target);
        Path tmp = temporaryFor(target);
        boolean ok = false;
        try {
            writer.write(tmp);
            publish(tmp, target);
            ok = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            if (!ok) deleteQuietly(tmp);
        }
    }

    /** As {@link #write}, renamed at once even inside a batch: for stores whose records refer to the file immediately. */
    public static void writeNow(Path target, Writer writer) {
        Path tmp = temporaryFor(target);
        boolean ok = false;
        try {
            writer.write(tmp);
            move(tmp, target.toAbsolutePath());
            ok = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            if (!ok) deleteQuietly(tmp);
        }
    }

    /**
     * A new empty temporary beside {@code target} (its directory created), with the user's default
     * permissions. Refuses a target that is an input of the current batch before anything is written.
     */
    public static Path temporaryFor(Path target) {
        Path abs = target.toAbsolutePath();
        Batch b = CURRENT.get();
        if (b != null) b.refuseInput(abs);
        Path dir = abs.getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
            for (int attempt = 0; ; attempt++) {
                Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
                try {
                    return Files.createFile(tmp);
                } catch (FileAlreadyExistsException e) {
                    if (attempt > 10) throw e;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /** Puts a finished temporary in place: now, or at the commit of this thread's batch. */
    public static void publish(Path temporary, Path target) throws IOException {
        refuseRecord(target);
        Path abs = target.toAbsolutePath();
        Batch b = CURRENT.get();
        if (b == null) {
            move(temporary, abs);
        } else {
            b.refuseInput(abs);
            b.pending.add(new Batch.Pending(temporary, abs));
        }
    }

    public static void writeString(Path target, String text) {
        write(target, tmp -> Files.writeString(tmp, text));
    }

    public static void writeBytes(Path target, byte[] bytes) {
        write(target, tmp -> Files.write(tmp, bytes));
    }

    /** The operating system's reason for an I/O failure, for a user ("No space left on device", "Permission denied"). */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory";
        if (e instanceof java.nio.file.NotDirectoryException) return "a path component is not a directory";
        if (e instanceof FileAlreadyExistsException f) return f.getFile() + " is a file where a directory is needed";
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) return fs.getReason();
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    public static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the original failure matters more than the clean-up
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
