package org.solidscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solidscope.catalog.ApiTokens;
import org.solidscope.catalog.Catalog;

/** Tokens are created once per name, listed without their secret, and revoked for good. */
class TokenCliTest {
    @TempDir
    Path dir;

    @Test
    void createListRevoke() {
        String ws = dir.resolve("ws").toString();
        CliTest.Run a = CliTest.run("token", "create", "--name", "station-1", "--workspace", ws);
        assertEquals(0, a.code(), a.err());
        String secret = a.out().strip();
        assertTrue(secret.startsWith("ss_"), secret);

        CliTest.Run dup = CliTest.run("token", "create", "--name", "station-1", "--workspace", ws);
        assertEquals(2, dup.code());
        assertTrue(dup.err().contains("'station-1' is taken"), dup.err());

        try (Catalog c = Catalog.openWorkspace(dir.resolve("ws"))) {
            assertEquals("station-1", new ApiTokens(c).check(secret), "the token works and its use is noted");
        }
        CliTest.Run list = CliTest.run("token", "list", "--workspace", ws);
        assertEquals(0, list.code(), list.err());
        String row = list.out().lines().filter(l -> l.startsWith("station-1")).findFirst().orElseThrow();
        assertTrue(row.endsWith("live") && !row.contains("never"), "created and last used shown: " + row);
        assertTrue(!list.out().contains(secret), "the secret is never shown again");

        assertEquals(0, CliTest.run("token", "revoke", "--name", "station-1", "--workspace", ws).code());
        try (Catalog c = Catalog.openWorkspace(dir.resolve("ws"))) {
            assertNull(new ApiTokens(c).check(secret), "a revoked token is refused");
        }
        assertTrue(CliTest.run("token", "list", "--workspace", ws).out().contains("revoked"));
        CliTest.Run again = CliTest.run("token", "revoke", "--name", "station-1", "--workspace", ws);
        assertEquals(2, again.code(), "no live token of that name any more");
        // the name is free again
        CliTest.Run b = CliTest.run("token", "create", "--name", "station-1", "--workspace", ws);
        assertEquals(0, b.code(), b.err());
        try (Catalog c = Catalog.openWorkspace(dir.resolve("ws"))) {
            assertNotNull(new ApiTokens(c).check(b.out().strip()));
        }
    }
}
