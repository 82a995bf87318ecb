package org.solidscope.echem.cycling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.solidscope.core.InputException;
import org.solidscope.core.MemoryBudget;

/** A binary cycler file read whole (.mpr, .nda), its size checked against what an array and the heap hold before reading. */
final class MemoryBudgetBytes {
    private MemoryBudgetBytes() {}

    static byte[] read(String src, Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) throw new InputException(src, "size", "a binary cycler file below 2 GiB", MemoryBudget.human(size));
        MemoryBudget.require(src, "size", "the file's " + MemoryBudget.human(size) + " in memory", size);
        return Files.readAllBytes(file);
    }
}
