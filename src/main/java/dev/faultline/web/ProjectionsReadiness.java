package dev.faultline.web;

import dev.faultline.api.query.ProjectionStatus;
import dev.faultline.api.query.ProjectionStatus.State;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the projections: each one's state, lag and parked events in the check's data. A
 * DEGRADED (or FAILED) projection keeps the node UP: its read model still answers, only without the
 * parked events, and every node reads the same event store, so taking nodes out of rotation would
 * turn one poison event into an outage. DOWN only while a processor is not running (starting,
 * stopping). See docs/decisions.md.
 */
@Readiness
@ApplicationScoped
public class ProjectionsReadiness implements HealthCheck {

    private final ProjectionStatuses statuses;

    ProjectionsReadiness(ProjectionStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public HealthCheckResponse call() {
        List<ProjectionStatus> all = statuses.all();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("projections")
                .status(all.stream().noneMatch(status -> status.state() == State.STOPPED));
        all.forEach(status -> response.withData(status.name(), status.state() + ", lag " + status.lag()
                + ", parked " + status.parked().size()));
        response.withData("degraded", String.join(",", all.stream()
                .filter(status -> status.state() == State.DEGRADED).map(ProjectionStatus::name).toList()));
        return response.build();
    }
}
