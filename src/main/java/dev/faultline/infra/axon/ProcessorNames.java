package dev.faultline.infra.axon;

import dev.faultline.query.pattern.PatternProjection;
import dev.faultline.query.search.SearchBackend;
import dev.faultline.query.search.SearchProjection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Which event processor feeds each projection on this node. A projection whose read model lives on
 * the node (the search index on disk, the patterns index in memory) has a processor of its own on
 * every node, named {@code projection@node}, with its own token: each node then sees every write,
 * whichever node took it. Read models kept in PostgreSQL only (the catalogue) have one processor
 * name, one shared token, whose segments the nodes claim. The node's id is kept in a file in its
 * data directory, so it survives restarts (and an index rebuild) and is not shared by two nodes
 * unless a data directory is copied (docs/operations.md).
 */
@ApplicationScoped
public class ProcessorNames {

    private static final Logger LOG = Logger.getLogger(ProcessorNames.class);
    /** The projections with one processor per node when the search index is on each node's disk (Lucene). */
    static final Set<String> PER_NODE = Set.of(SearchProjection.GROUP, PatternProjection.GROUP);
    /** With OpenSearch, the nodes share one search index and so one search processor. */
    static final Set<String> PER_NODE_SHARED_SEARCH = Set.of(PatternProjection.GROUP);
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final String node;
    private final Set<String> perNode;

    @jakarta.inject.Inject
    ProcessorNames(@ConfigProperty(name = "faultline.node-id-file") Path file,
                   @ConfigProperty(name = "faultline.search.backend", defaultValue = "lucene") String searchBackend) {
        this.node = readOrCreate(file.toAbsolutePath());
        this.perNode = SearchBackend.isOpenSearch(searchBackend) ? PER_NODE_SHARED_SEARCH : PER_NODE;
    }

    /** With the search index on each node's disk. */
    ProcessorNames(Path file) {
        this(file, "lucene");
    }

    /** This node's id. */
    public String node() {
        return node;
    }

    /** Whether each node runs its own processor for this projection. */
    public boolean perNode(String projection) {
        return perNode.contains(projection);
    }

    /** The name of the processor (and of its token and dead-letter queue) that feeds the projection on this node. */
    public String of(String projection) {
        return perNode(projection) ? projection + "@" + node : projection;
    }

    /**
     * Before the processors start: a store written by a single-node version holds the per-node
     * projections' tokens (and parked events) under the bare projection name. The first node to
     * start takes them over, in one transaction, so its index and memory carry on from where they
     * were instead of reading the whole store again. Any later node starts from the first event.
     */
    void adoptSingleNodeTokens(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement tokens = connection.prepareStatement("""
                     WITH legacy AS (DELETE FROM tokenentry WHERE processorname = ? RETURNING segment, token, tokentype, timestamp)
                     INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp, owner)
                     SELECT ?, segment, token, tokentype, timestamp, NULL FROM legacy ON CONFLICT DO NOTHING""");
             PreparedStatement parked = connection.prepareStatement(
                     "UPDATE deadletterentry SET processinggroup = ? WHERE processinggroup = ?")) {
            for (String projection : perNode) {
                tokens.setString(1, projection);
                tokens.setString(2, of(projection));
                if (tokens.executeUpdate() > 0) {
                    parked.setString(1, of(projection));
                    parked.setString(2, projection);
                    parked.executeUpdate();
                    LOG.infof("processor %s takes over the token of the single-node processor %s", of(projection), projection);
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[6];
                new java.security.SecureRandom().nextBytes(random);
                try {
                    Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
                } catch (FileAlreadyExistsException raced) {
                    // another start wrote it first: read theirs
                }
            }
            String id = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!VALID.matcher(id).matches()) {
                throw new IllegalStateException("the node id in " + file + " is not 1-63 lower-case letters, digits"
                        + " and dashes: '" + id + "'");
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the node id file " + file, e);
        }
    }
}
