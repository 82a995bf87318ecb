package org.solidscope.catalog;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import org.solidscope.core.Checksums;
import org.solidscope.core.InputException;

/** Bearer tokens for writes to the server. A token is shown once at creation; the record keeps its SHA-256 only. */
public final class ApiTokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Catalog catalog;

    public ApiTokens(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Creates a token for {@code name} and returns it (the only time it is visible). */
    public String create(String name) {
        if (name == null || name.isBlank() || name.length() > 200 || !name.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f)) {
            throw new InputException("--name", "name", "1 to 200 printable characters", name == null ? "none" : name.length() + " characters");
        }
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        String token = "ss_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        catalog.inTransaction(c -> {
            // a name says who uploaded; two live tokens of one name could not be told apart, nor one revoked
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM api_token WHERE name = ? AND revoked = FALSE")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new InputException("--name", "name", "a name no live token has (revoke the old one first)", "'" + name + "' is taken");
                    }
                }
            }
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

    /** The name of a valid token, or null; a valid token's last use is noted (to the minute, so reads cost no write each). */
    public String check(String token) {
        if (token == null || token.isBlank() || token.length() > 200) return null;
        String sha = Checksums.sha256(token.strip().getBytes(StandardCharsets.UTF_8));
        return catalog.inTransaction(c -> {
            String name;
            Timestamp last;
            try (PreparedStatement ps = c.prepareStatement("SELECT name, last_used_utc FROM api_token WHERE token_sha256 = ? AND revoked = FALSE")) {
                ps.setString(1, sha);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return null;
                    name = rs.getString(1);
                    last = rs.getTimestamp(2);
                }
            }
            Instant now = Instant.now();
            if (last == null || last.toInstant().isBefore(now.minusSeconds(60))) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET last_used_utc = ? WHERE token_sha256 = ?")) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setString(2, sha);
                    ps.executeUpdate();
                }
            }
            return name;
        });
    }

    /** One token as an administrator sees it: never the token itself. */
    public record TokenInfo(String name, Instant createdUtc, Instant lastUsedUtc, boolean revoked) {}

    /** Every token, oldest first. */
    public java.util.List<TokenInfo> list() {
        return catalog.inTransaction(c -> {
            java.util.List<TokenInfo> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, created_utc, last_used_utc, revoked FROM api_token ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp used = rs.getTimestamp(3);
                    out.add(new TokenInfo(rs.getString(1), rs.getTimestamp(2).toInstant(), used == null ? null : used.toInstant(), rs.getBoolean(4)));
                }
            }
            return out;
        });
    }

    /** Revokes the live token of {@code name}; refused when there is none. */
    public void revoke(String name) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET revoked = TRUE WHERE name = ? AND revoked = FALSE")) {
                ps.setString(1, name);
                if (ps.executeUpdate() == 0) throw new InputException("--name", "name", "the name of a live token (see token list)", "'" + name + "'");
            }
            return null;
        });
    }
}
