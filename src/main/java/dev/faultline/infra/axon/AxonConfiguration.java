package dev.faultline.infra.axon;

import dev.faultline.command.Incident;
import dev.faultline.command.PostmortemTemplate;
import dev.faultline.query.catalogue.IncidentCatalogueProjection;
import dev.faultline.query.pattern.PatternProjection;
import dev.faultline.query.search.ReindexScheduler;
import dev.faultline.query.search.SearchProjection;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import dev.faultline.infra.validation.CommandValidation;
import java.util.List;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.jboss.logging.Logger;

/**
 * Axon Framework, wired by hand (no Spring, no Axon Server): the Incident aggregate on a JDBC
 * event store in PostgreSQL, a JDBC token store for the tracking processors, Jackson for
 * serialization, and the JDBC transaction bridge so a unit of work commits with the database transaction.
 * Started after Flyway has migrated the schema, shut down before the datasource closes.
 */
@ApplicationScoped
public class AxonConfiguration {

    private static final Logger LOG = Logger.getLogger(AxonConfiguration.class);
    /** How often the shared search processor looks for other nodes' writes while idle. */
    private static final java.time.Duration SHARED_SEARCH_POLL = java.time.Duration.ofMillis(100);

    /** The processing group of the incident catalogue (GET /api/incidents). */
    public static final String CATALOGUE = IncidentCatalogueProjection.GROUP;

    /** The processing group of the search index (GET /api/search). */
    public static final String SEARCH = SearchProjection.GROUP;

    /** The processing group of recurring patterns, recurrences, the action board and statistics. */
    public static final String PATTERNS = PatternProjection.GROUP;

    private final Configuration configuration;

    private final JdbcTransactions transactions;

    private final SearchProjection search;

    private final ReindexScheduler reindex;

    private final ProcessorNames names;

    private final AgroalDataSource dataSource;

    AxonConfiguration(AgroalDataSource dataSource, CommandValidation validation, DeadLetterQueues deadLetters,
                      IncidentCatalogueProjection catalogue, SearchProjection search,
                      ReindexScheduler reindex, PatternProjection patterns, ProcessorNames names) {
        JdbcTransactions transactions = new JdbcTransactions(dataSource);
        this.names = names;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.search = search;
        this.reindex = reindex;
        ConnectionProvider connections = transactions;
        Serializer serializer = EventSerialization.serializer();
        RenamedEvents renamed = new RenamedEvents();

        EventStoreTail tail = new EventStoreTail(PostgresEventStorageEngine.create(JdbcEventStorageEngine.builder()
                .upcasterChain(new org.axonframework.serialization.upcasting.event.EventUpcasterChain(renamed))
                .connectionProvider(connections)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)));

        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .registerEventUpcaster(c -> renamed)
                .configureSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureTransactionManager(c -> transactions)
                .configureCorrelationDataProviders(c -> List.of(new SimpleCorrelationDataProvider(
                        dev.faultline.api.command.Recording.KEYS.toArray(String[]::new))))
                .configureCommandBus(c -> {
                    SimpleCommandBus bus = SimpleCommandBus.builder()
                            .transactionManager(c.getComponent(TransactionManager.class))
                            .messageMonitor(c.messageMonitor(SimpleCommandBus.class, "commandBus"))
                            .build();
                    bus.registerHandlerInterceptor(new org.axonframework.messaging.interceptors.CorrelationDataInterceptor<>(
                            c.correlationDataProviders()));
                    return bus;
                })
                // the event store publishes and sources aggregates; the processors read it through the
                // tail, which each commit wakes up (EventStoreTail says why not Axon's shared cache)
                .configureEventStore(c -> tail.signallingStore(EmbeddedEventStore.builder()
                        .messageMonitor(c.messageMonitor(EventStore.class, "eventStore"))))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Incident.class)
                        .configureCache(c -> new BoundedAggregateCache(1_000))
                        .configureCommandTargetResolver(c -> new IncidentCommandTargets()))
                .configureAggregate(PostmortemTemplate.class)
                .configureAggregate(dev.faultline.command.Vocabulary.class);

        configurer.eventProcessing()
                .registerTokenStore(c -> JdbcTokenStore.builder()
                        // a claim names the node that holds it (GET /api/admin/projections), and the process:
                        // two processes that share a node id (a copied data directory) must not share claims
                        .nodeId(names.node() + "/" + java.lang.management.ManagementFactory.getRuntimeMXBean().getName())
                        .connectionProvider(connections)
                        .serializer(serializer)
                        .build())
                .registerTrackingEventProcessor(CATALOGUE, c -> tail,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100))
                .registerEventHandler(c -> ClientProxy.unwrap(catalogue))
                // an event the catalogue cannot apply is parked, with the later ones of its incident,
                // and the processor goes on (the search projection parks its own: ReindexScheduler)
                .registerDeadLetterQueue(CATALOGUE, c -> deadLetters.queue(CATALOGUE))
                .registerDeadLetterPolicy(CATALOGUE, c -> DeadLetterQueues.countingAttempts())
                .registerDeadLetteringEventHandlerInvokerConfiguration(CATALOGUE,
                        (c, invoker) -> invoker.enableSequenceIdentifierCache())
                // the patterns index, and the search index on Lucene, live on each node: one processor
                // per node (ProcessorNames), each fed every event, however many nodes share the store
                .assignProcessingGroup(SEARCH, names.of(SEARCH))
                .assignProcessingGroup(PATTERNS, names.of(PATTERNS))
                // a shared search processor (OpenSearch) indexes every node's writes: it polls for
                // other nodes' commits every 100 ms, so they are searchable everywhere within a second
                .registerTrackingEventProcessor(names.of(SEARCH),
                        c -> names.perNode(SEARCH) ? tail : tail.polling(SHARED_SEARCH_POLL),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(200))
                .registerEventHandler(c -> ClientProxy.unwrap(search))
                .registerTrackingEventProcessor(names.of(PATTERNS), c -> tail,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(200))
                .registerEventHandler(c -> ClientProxy.unwrap(patterns))
                .registerDeadLetterQueue(PATTERNS, c -> deadLetters.queue(PATTERNS))
                .registerDeadLetterPolicy(PATTERNS, c -> DeadLetterQueues.countingAttempts())
                .registerDeadLetteringEventHandlerInvokerConfiguration(PATTERNS,
                        (c, invoker) -> invoker.enableSequenceIdentifierCache());

        configuration = configurer.buildConfiguration();
        configuration.commandBus().registerDispatchInterceptor(new CommandMetadata());
        configuration.commandBus().registerDispatchInterceptor(validation.dispatchInterceptor());
    }

    void start(@Observes @Priority(100) StartupEvent event) {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            names.adoptSingleNodeTokens(connection);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot take over the single-node processors' tokens", e);
        }
        configuration.start();
        LOG.infof("Axon started: event store and token store on PostgreSQL; node %s", names.node());
    }

    void stop(@Observes ShutdownEvent event) {
        configuration.shutdown();
    }

    @Produces
    @ApplicationScoped
    CommandGateway commandGateway() {
        return configuration.commandGateway();
    }

    @Produces
    @ApplicationScoped
    EventStore eventStore() {
        return configuration.eventStore();
    }

    @Produces
    @ApplicationScoped
    Serializer serializer() {
        return configuration.eventSerializer();
    }

    /** Connections that join the current Axon transaction, for projections writing read models. */
    @Produces
    @ApplicationScoped
    ConnectionProvider connections() {
        return transactions;
    }

    /** The transactions of Axon's units of work, for the dead-letter queues (DeadLetterQueues). */
    @Produces
    @ApplicationScoped
    TransactionManager transactionManager() {
        return transactions;
    }

    @Produces
    @ApplicationScoped
    EventUpcaster upcasters() {
        return configuration.upcasterChain();
    }

    /** What retries a projection's parked events: Axon's dead-lettering invoker, or the search projection's own. */
    SequencedDeadLetterProcessor<EventMessage<?>> deadLetterProcessor(String processingGroup) {
        if (SEARCH.equals(processingGroup)) {
            return reindex::retryParked;
        }
        return configuration.eventProcessingConfiguration().sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> new IllegalArgumentException("no dead-letter queue for " + processingGroup));
    }

    /** The processor that feeds a projection on this node. */
    org.axonframework.eventhandling.TrackingEventProcessor processor(String projection) {
        return configuration.eventProcessingConfiguration()
                .eventProcessor(names.of(projection), org.axonframework.eventhandling.TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("no event processor for " + projection));
    }

    /** The whole Axon configuration, for operations code (processors, tokens). */
    public Configuration configuration() {
        return configuration;
    }
}
