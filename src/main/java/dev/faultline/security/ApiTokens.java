package dev.faultline.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The API tokens: created by an admin and shown once, kept only as the SHA-256 hash of their secret,
 * each with a name, a role and an optional expiry, revoked by id. A secret is {@code fl_} and 256
 * random bits (base64url), so a fast hash is enough: there is nothing to guess.
 */
@ApplicationScoped
public class ApiTokens {

    /** A token as listed (never its secret). */
    public record Token(String id, String name, Role role, Instant createdAt, String createdBy, Instant expiresAt,
                        Instant revokedAt) {

        public boolean activeAt(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    /** A token just created, with the secret that is shown this once. */
    public record Created(Token token, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, name, role, created_at, created_by, expires_at, revoked_at";

    private final AgroalDataSource dataSource;
    private final Clock clock;
    /**
     * Live tokens recently verified, by hash: a hit needs no query and no worker thread. Without it
     * appends ran 19–43 % slower than before authentication existed, with it 5 % faster to 20 % slower
     * (interleaved, both side orders; docs/benchmarks.md; target ≤ 10 %). A revocation on this node
     * clears it; another node honours a revocation within {@link #VERIFIED_FOR}.
     */
    private final Cache<String, Token> verified;

    /** How long a verified token is trusted without asking the database again. */
    static final Duration VERIFIED_FOR = Duration.ofSeconds(10);

    ApiTokens(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.clock = Clock.systemUTC();
        this.verified = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(VERIFIED_FOR).build();
    }

    /** Creates a token with a new random secret. */
    public Created create(String name, Role role, Instant expiresAt, String createdBy) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "fl_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return new Created(insert(name, role, expiresAt, createdBy, secret), secret);
    }

    /** Stores a token whose secret the operator chose ({@code FAULTLINE_ADMIN_TOKEN}). */
    Token insert(String name, Role role, Instant expiresAt, String createdBy, String secret) {
        Token token = new Token("tok-" + UUID.randomUUID().toString().substring(0, 13), name, role,
                clock.instant(), createdBy, expiresAt, null);
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("insert into api_token (id, name, role, hash, created_at,"
                     + " created_by, expires_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, token.id());
            insert.setString(2, name);
            insert.setString(3, role.label());
            insert.setBytes(4, hash(secret));
            insert.setTimestamp(5, Timestamp.from(token.createdAt()));
            insert.setString(6, createdBy);
            insert.setTimestamp(7, expiresAt == null ? null : Timestamp.from(expiresAt));
            insert.executeUpdate();
            return token;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new NameTaken(name);
            }
            throw new IllegalStateException("cannot store the token", e);
        }
    }

    /** The live token whose secret this is; none for an unknown, revoked or expired one. Blocking. */
    public Optional<Token> verify(String secret) {
        Instant now = clock.instant();
        byte[] hash = hash(secret);
        Optional<Token> live = query("select " + COLUMNS + " from api_token where hash = ?", s -> s.setBytes(1, hash))
                .stream().filter(t -> t.activeAt(now)).findFirst();
        live.ifPresent(t -> verified.put(HexFormat.of().formatHex(hash), t));
        return live;
    }

    /** The live token whose secret this is if it was verified lately, without a query; else empty (ask {@link #verify}). */
    public Optional<Token> recentlyVerified(String secret) {
        Token token = verified.getIfPresent(HexFormat.of().formatHex(hash(secret)));
        return token != null && token.activeAt(clock.instant()) ? Optional.of(token) : Optional.empty();
    }

    /** Every token, newest first, revoked and expired ones included. */
    public List<Token> list() {
        return query("select " + COLUMNS + " from api_token order by created_at desc, id", s -> { });
    }

    /** Whether any token can still be used. */
    public boolean anyActive() {
        Instant now = clock.instant();
        return list().stream().anyMatch(t -> t.activeAt(now));
    }

    /** Whether a token with this secret exists, live or not. */
    boolean exists(String secret) {
        return !query("select " + COLUMNS + " from api_token where hash = ?", s -> s.setBytes(1, hash(secret))).isEmpty();
    }

    /** Revokes the token; false when there is no live token with this id. */
    public boolean revoke(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement update = c.prepareStatement(
                     "update api_token set revoked_at = ? where id = ? and revoked_at is null")) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setString(2, id);
            boolean revoked = update.executeUpdate() == 1;
            verified.invalidateAll();
            return revoked;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot revoke the token", e);
        }
    }

    /** A live token already has this name. */
    public static final class NameTaken extends RuntimeException {
        NameTaken(String name) {
            super("a live token is already named '" + name + "'");
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private List<Token> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            List<Token> tokens = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    tokens.add(new Token(rows.getString(1), rows.getString(2), Role.of(rows.getString(3)).orElseThrow(),
                            rows.getTimestamp(4).toInstant(), rows.getString(5), instant(rows.getTimestamp(6)),
                            instant(rows.getTimestamp(7))));
                }
            }
            return tokens;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tokens", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
