package org.solidscope.app;

import java.nio.file.Path;
import org.solidscope.catalog.Catalog;

/** A second process that opens a workspace and keeps it until its standard input closes (for the lock test). */
public final class HoldWorkspace {
    private HoldWorkspace() {}

    public static void main(String[] args) throws Exception {
        try (Catalog c = Catalog.openWorkspace(Path.of(args[0]))) {
            System.out.println("holding");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait until the test closes our input
            }
        }
    }
}
