package org.dqms.notifications;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Phones that said STOP, kept as hashes. */
@Repository
class OptOuts {

    private static final String ADD = """
            INSERT INTO dqms.notification_opt_out (phone_hash, opted_out_at) VALUES (:hash, :at)
            ON CONFLICT (phone_hash) DO NOTHING
            """;

    private static final String REMOVE = "DELETE FROM dqms.notification_opt_out WHERE phone_hash = :hash";

    private static final String HAS =
            "SELECT EXISTS (SELECT 1 FROM dqms.notification_opt_out WHERE phone_hash = :hash)";

    private final JdbcClient jdbc;

    OptOuts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void stop(String phone, Instant at) {
        jdbc.sql(ADD).param("hash", hash(phone)).param("at", Timestamp.from(at)).update();
    }

    void start(String phone) {
        jdbc.sql(REMOVE).param("hash", hash(phone)).update();
    }

    boolean stopped(String phone) {
        return jdbc.sql(HAS).param("hash", hash(phone)).query(Boolean.class).single();
    }

    private static byte[] hash(String phone) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(phone.strip().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
