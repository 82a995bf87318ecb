package org.solidscope.catalog;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import org.solidscope.core.Checksums;

/** Bearer tokens for writes to the server. A token is shown once at creation; the record keeps its SHA-256 only. */
public final class ApiTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Catalog catalog;

    public ApiTokens(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Creates a token for {@code name} and returns it (the only time it is visible). */
    public String create(String name) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = "ss_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_token (name, token_sha256, created_utc, revoked) VALUES (?, ?, ?, FALSE)")) {
                ps.setString(1, name);
                ps.setString(2, Checksums.sha256(token.getBytes(StandardCharsets.UTF_8)));
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            return null;
        });
        return token;
    }

    /** The name of a valid token, or null. */
    public String check(String token) {
        if (token == null || token.isBlank()) return null;
        String sha = Checksums.sha256(token.strip().getBytes(StandardCharsets.UTF_8));
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM api_token WHERE token_sha256 = ? AND revoked = FALSE")) {
                ps.setString(1, sha);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
