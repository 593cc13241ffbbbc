package dev.faultline.infra.axon;

import dev.faultline.query.Projections;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * {@code faultline_projection_parked_events{projection="…"}} in /q/metrics: how many events each
 * projection has parked (alert on it above 0). Counted in the database at each scrape.
 */
@ApplicationScoped
public class ParkedEventGauges {

    private static final Logger LOG = Logger.getLogger(ParkedEventGauges.class);

    private final ProjectionMonitor monitor;

    ParkedEventGauges(ProjectionMonitor monitor) {
        this.monitor = monitor;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        for (String projection : Projections.NAMES) {
            Gauge.builder("faultline.projection.parked.events", this, gauges -> gauges.count(projection))
                    .description("Events the projection could not apply, parked until retried or skipped")
                    .tag("projection", projection)
                    .register(registry);
        }
    }

    private double count(String projection) {
        try {
            return monitor.parkedCount(projection);
        } catch (RuntimeException e) {
            LOG.debugf(e, "Cannot count the parked events of %s", projection);
            return Double.NaN; // no figure rather than a wrong one
        }
    }
}
