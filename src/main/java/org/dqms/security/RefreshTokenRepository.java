package org.dqms.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Refresh tokens by the SHA-256 hash of their value; the value itself is never stored. */
@Repository
class RefreshTokenRepository {

    private static final String INSERT = """
            INSERT INTO dqms.refresh_token (user_id, family_id, token_hash, issued_at, expires_at)
            VALUES (:userId, :familyId, :hash, :issuedAt, :expiresAt)
            RETURNING id
            """;

    // Under the family's lock (below): the second of two refreshes with one token sees the first one's used_at.
    private static final String LOCK_BY_HASH = """
            SELECT id, user_id, family_id, expires_at, used_at, revoked_at
              FROM dqms.refresh_token
             WHERE token_hash = :hash
               FOR UPDATE
            """;

    private static final String FAMILY_BY_HASH = "SELECT family_id FROM dqms.refresh_token WHERE token_hash = :hash";

    // Every change of a family (a rotation, a revocation) first locks its first token, which lives as
    // long as the family: the changes of one family queue up there, each after the last one
    // committed, so a revocation sees the token that a rotation in flight was issuing. Taken before
    // any other row of the family, so two changes never wait for each other.
    private static final String LOCK_FAMILY = """
            SELECT id FROM dqms.refresh_token WHERE family_id = :familyId ORDER BY id LIMIT 1 FOR UPDATE
            """;

    private static final String MARK_USED = """
            UPDATE dqms.refresh_token SET used_at = :usedAt, replaced_by = :next WHERE id = :id
            """;

    private static final String REVOKE_FAMILY = """
            UPDATE dqms.refresh_token SET revoked_at = :revokedAt WHERE family_id = :familyId AND revoked_at IS NULL
            """;

    // Each family of the account locked as LOCK_FAMILY locks it, by its first token, in one order:
    // a rotation in flight commits first, so the statement after this one sees the token it issued.
    private static final String LOCK_FAMILIES_OF_USER = """
            SELECT id FROM dqms.refresh_token
             WHERE id IN (SELECT min(id) FROM dqms.refresh_token WHERE user_id = :userId GROUP BY family_id)
             ORDER BY id
               FOR UPDATE
            """;

    private static final String REVOKE_ALL_OF_USER = """
            UPDATE dqms.refresh_token SET revoked_at = :revokedAt WHERE user_id = :userId AND revoked_at IS NULL
            """;

    // A family is kept a day after its last token expired, so a late reuse is still recognised as one.
    private static final String DELETE_EXPIRED_FAMILIES = """
            DELETE FROM dqms.refresh_token
             WHERE family_id IN (SELECT family_id FROM dqms.refresh_token
                                  GROUP BY family_id HAVING max(expires_at) < :before)
            """;

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored refresh token, as the refresh reads it. */
    record StoredToken(long id, long userId, UUID familyId, Instant expiresAt, Instant usedAt, Instant revokedAt) {}

    long insert(long userId, UUID familyId, byte[] hash, Instant issuedAt, Instant expiresAt) {
        return jdbc.sql(INSERT)
                .param("userId", userId)
                .param("familyId", familyId)
                .param("hash", hash)
                .param("issuedAt", Timestamp.from(issuedAt))
                .param("expiresAt", Timestamp.from(expiresAt))
                .query(Long.class)
                .single();
    }

    /** The token with this hash, locked until the transaction ends. */
    Optional<StoredToken> lock(byte[] hash) {
        return jdbc.sql(LOCK_BY_HASH).param("hash", hash).query(this::stored).optional();
    }

    /** Locks the family until the transaction ends; false when it has no tokens (any more). */
    boolean lockFamily(UUID familyId) {
        return jdbc.sql(LOCK_FAMILY)
                .param("familyId", familyId)
                .query(Long.class)
                .optional()
                .isPresent();
    }

    Optional<UUID> familyOf(byte[] hash) {
        return jdbc.sql(FAMILY_BY_HASH).param("hash", hash).query(UUID.class).optional();
    }

    void markUsed(long id, long next, Instant usedAt) {
        jdbc.sql(MARK_USED)
                .param("id", id)
                .param("next", next)
                .param("usedAt", Timestamp.from(usedAt))
                .update();
    }

    int revokeFamily(UUID familyId, Instant revokedAt) {
        return jdbc.sql(REVOKE_FAMILY)
                .param("familyId", familyId)
                .param("revokedAt", Timestamp.from(revokedAt))
                .update();
    }

    /** Locks every family of the account, then revokes all of their tokens; how many were revoked. */
    int revokeAllOf(long userId, Instant revokedAt) {
        jdbc.sql(LOCK_FAMILIES_OF_USER)
                .param("userId", userId)
                .query(Long.class)
                .list();
        return jdbc.sql(REVOKE_ALL_OF_USER)
                .param("userId", userId)
                .param("revokedAt", Timestamp.from(revokedAt))
                .update();
    }

    int deleteFamiliesExpiredBefore(Instant before) {
        return jdbc.sql(DELETE_EXPIRED_FAMILIES)
                .param("before", Timestamp.from(before))
                .update();
    }

    private StoredToken stored(ResultSet rows, int row) throws SQLException {
        return new StoredToken(
                rows.getLong("id"),
                rows.getLong("user_id"),
                rows.getObject("family_id", UUID.class),
                rows.getTimestamp("expires_at").toInstant(),
                instant(rows, "used_at"),
                instant(rows, "revoked_at"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
