package dev.faultline.query.search;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which engine holds the search index ({@code faultline.search.backend}):
 * <ul>
 *   <li>{@code lucene}, the default: a Lucene index on each node's disk, under
 *       {@code faultline.search.index-dir}, fed by each node's own processor;</li>
 *   <li>{@code opensearch}: one index in an OpenSearch 2.x cluster ({@code faultline.search.hosts}),
 *       shared by every node and fed by one shared processor, through Hibernate Search's
 *       Elasticsearch backend. Same mapping, same queries.</li>
 * </ul>
 */
@ApplicationScoped
public class SearchBackend {

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final GenerationStore store;

    SearchBackend(@ConfigProperty(name = "faultline.search.backend", defaultValue = "lucene") String backend,
                  @ConfigProperty(name = "faultline.search.index-dir") Path indexDir,
                  @ConfigProperty(name = "faultline.search.hosts", defaultValue = "localhost:9200") String hosts,
                  @ConfigProperty(name = "faultline.search.protocol", defaultValue = "http") String protocol,
                  @ConfigProperty(name = "faultline.search.username") Optional<String> username,
                  @ConfigProperty(name = "faultline.search.password") Optional<String> password,
                  @ConfigProperty(name = "faultline.search.index-prefix", defaultValue = "faultline") String prefix) {
        if (isOpenSearch(backend)) {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("faultline.search.index-prefix must be 1-64 lower-case letters, digits,"
                        + " '-' and '_', not '" + prefix + "'");
            }
            store = new OpenSearchGenerations(new OpenSearchRest(hosts, protocol, username.orElse(null),
                    password.orElse(null)), prefix);
        } else {
            store = new DiskGenerations(indexDir.toAbsolutePath());
        }
    }

    /** The backend's name as configured: {@code lucene} or {@code opensearch}; anything else is refused. */
    public static boolean isOpenSearch(String backend) {
        return switch (backend.trim().toLowerCase(Locale.ROOT)) {
            case "lucene" -> false;
            case "opensearch", "elasticsearch" -> true;
            default -> throw new IllegalArgumentException("faultline.search.backend must be lucene or opensearch, not '"
                    + backend + "'");
        };
    }

    GenerationStore store() {
        return store;
    }
}
