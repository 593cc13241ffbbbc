package dev.faultline.query.search;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import org.axonframework.common.jdbc.ConnectionProvider;

/**
 * The position up to which the search index is known to hold every event, saved in the search
 * processor's own transaction (so it commits with the processor's token). The token can be ahead:
 * an incident's deferred rewrite has been read but not yet written. If the application stops
 * before the flusher writes it, the next start re-checks the incidents changed after the watermark.
 */
@ApplicationScoped
public class SearchWatermark {

    private static final String NAME = SearchProjection.GROUP;

    private final AgroalDataSource dataSource;
    private final ConnectionProvider transactional;

    SearchWatermark(AgroalDataSource dataSource, ConnectionProvider transactional) {
        this.dataSource = dataSource;
        this.transactional = transactional;
    }

    /** Saves the watermark in the current (processor) transaction. */
    void save(long position) {
        try (Connection connection = transactional.getConnection();
             PreparedStatement statement = connection.prepareStatement("""
                     INSERT INTO search_watermark (name, position) VALUES (?, ?)
                     ON CONFLICT (name) DO UPDATE SET position = excluded.position""")) {
            statement.setString(1, NAME);
            statement.setLong(2, position);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot save the search watermark", e);
        }
    }

    /** The saved watermark; empty before the projection has processed a batch. */
    public OptionalLong load() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT position FROM search_watermark WHERE name = ?")) {
            statement.setString(1, NAME);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the search watermark", e);
        }
    }
}
