package org.solidscope.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.solidscope.core.AtomicOutput;
import org.solidscope.core.Checksums;

/**
 * Large arrays (raw scans, result maps) beside the database, content-addressed: a blob lives at
 * {@code <root>/<first two hex digits>/<sha256>}. Written temp-then-rename, so a blob is either whole
 * or absent; verified on read (its checksum is recomputed). The database refers to blobs by checksum.
 */
public final class ArrayStore {
    private final Path root;

    public ArrayStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the array store " + root, e);
        }
    }

    public Path root() { return root; }

    Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /** Stores bytes and returns their SHA-256; storing the same bytes twice is a no-op. */
    public String put(byte[] bytes) {
        String sha = Checksums.sha256(bytes);
        Path p = pathOf(sha);
        // renamed at once even inside a command's output batch: the record refers to it right away
        // a blob already there is trusted only when it still holds these bytes (a damaged one is replaced by them)
        if (!Files.exists(p) || !intact(p, sha)) AtomicOutput.writeNow(p, tmp -> Files.write(tmp, bytes));
        return sha;
    }

    /**
     * Stores a file's bytes, streamed: copied to a temporary file in the store while hashed, then renamed
     * to its checksum, so a large volume never sits in the heap and a blob is whole or absent.
     */
    public String putFile(Path file) {
        Path tmp = null;
        try {
            // in a folder of the store, where recovery finds what a killed process left
            tmp = Files.createTempFile(Files.createDirectories(root.resolve("tmp")), ".put-", ".tmp");
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            try (java.io.InputStream in = Files.newInputStream(file);
                 java.io.OutputStream out = new java.security.DigestOutputStream(Files.newOutputStream(tmp), md)) {
                in.transferTo(out);
            }
            String sha = java.util.HexFormat.of().formatHex(md.digest());
            Path p = pathOf(sha);
            if (!Files.exists(p) || !intact(p, sha)) {
                Files.createDirectories(p.getParent());
                Files.move(tmp, p, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                tmp = null;
            }
            return sha;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + file + " in the array store " + root, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // recovery removes leftover temporary files
                }
            }
        }
    }

    /** Whether the blob at {@code p} still reads as {@code sha}. */
    private static boolean intact(Path p, String sha) {
        try {
            return Files.isRegularFile(p) && Checksums.sha256(p).equals(sha);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Where a blob lies, for readers that take a path (the blob has no extension: its format is in the record). */
    public Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a SHA-256: " + sha256);
        return pathOf(sha256);
    }

    public boolean has(String sha256) {
        return Files.exists(pathOf(sha256));
    }

    /** The blob's bytes, after checking them against the checksum. */
    public byte[] get(String sha256) {
        try {
            byte[] b = Files.readAllBytes(pathOf(sha256));
            String actual = Checksums.sha256(b);
            if (!actual.equals(sha256)) throw new IllegalStateException("array store blob " + sha256 + " is corrupt (reads as " + actual + ")");
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("array store blob " + sha256 + " missing", e);
        }
    }

    /**
     * Every file of the store, listed directory by directory. Writers may add or rename files meanwhile
     * (a temporary file becomes a blob): a listing is weakly consistent, and a file that vanishes
     * between listing and use is simply absent.
     */
    private java.util.List<Path> files() {
        java.util.List<Path> out = new java.util.ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (!Files.isDirectory(d)) continue;
                try (Stream<Path> fs = Files.list(d)) {
                    fs.forEach(out::add);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // directory removed meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the array store " + root, e);
        }
        return out;
    }

    /** Checksums of all blobs present. */
    public Set<String> all() {
        Set<String> s = new HashSet<>();
        for (Path p : files()) {
            String n = p.getFileName().toString();
            if (n.length() == 64 && !n.startsWith(".")) s.add(n);
        }
        return s;
    }

    /** Deletes blobs not in {@code referenced}, and leftover temporary files, older than {@code grace}; returns how many blobs went. */
    public int removeUnreferenced(Set<String> referenced, java.time.Duration grace) {
        int n = 0;
        long cutoff = System.currentTimeMillis() - grace.toMillis();
        for (Path p : files()) {
            String name = p.getFileName().toString();
            boolean temp = name.startsWith(".") && name.endsWith(".tmp");
            if (Files.isDirectory(p)) continue;
            if (!temp && !(name.length() == 64 && !referenced.contains(name))) continue;
            try {
                if (Files.getLastModifiedTime(p).toMillis() > cutoff) continue;
                if (Files.deleteIfExists(p) && !temp) n++;
            } catch (java.nio.file.NoSuchFileException gone) {
                // renamed or removed by a writer meanwhile
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clean the array store " + root, e);
            }
        }
        return n;
    }
}
