package dev.faultline.web;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The REST application: its OpenAPI title and the order its sections appear in Swagger UI. */
@OpenAPIDefinition(
        info = @Info(title = "Faultline API", version = "0.1.0"),
        tags = {
                @Tag(name = "Incidents", description = "Declare, revise, resolve and read incidents, now or as of a moment"),
                @Tag(name = "Timeline", description = "What happened when, in incident time"),
                @Tag(name = "Findings", description = "Statements, root causes, contributing factors, impact"),
                @Tag(name = "Follow-up", description = "Remediation actions and links between incidents"),
                @Tag(name = "Search", description = "Full-text search by meaning, with highlights and facets"),
                @Tag(name = "Postmortems", description = "Incidents as Google SRE, Atlassian, PagerDuty or custom postmortems"),
                @Tag(name = "Import and export", description = "Incident documents in YAML, JSON and NDJSON"),
                @Tag(name = "Operations", description = "Projections (read models) and their rebuilds")
        })
public class FaultlineApi extends Application {
}
