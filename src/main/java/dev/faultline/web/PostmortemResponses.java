package dev.faultline.web;

import dev.faultline.query.postmortem.PostmortemFormat;
import dev.faultline.query.postmortem.Postmortems;
import dev.faultline.web.problem.InvalidParameter;
import dev.faultline.web.problem.Problem;
import dev.faultline.web.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.util.HexFormat;

/** Format negotiation and the response headers of rendered postmortems. */
final class PostmortemResponses {

    static final String TEMPLATE_VERSION = "Faultline-Template-Version";
    static final String INCIDENT_VERSION = "Faultline-Incident-Version";
    static final String KNOWN_AT = "Faultline-Known-At";

    private PostmortemResponses() {
    }

    /** {@code ?format=} wins; otherwise the first acceptable of Markdown, HTML, PDF, JSON (default Markdown). */
    static PostmortemFormat format(String format, HttpHeaders headers) {
        if (format != null && !format.isBlank()) {
            return PostmortemFormat.parse(format).orElseThrow(() ->
                    new InvalidParameter("format", "must be markdown, html, pdf or json"));
        }
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isWildcardType()) {
                return PostmortemFormat.MARKDOWN;
            }
            for (PostmortemFormat candidate : PostmortemFormat.values()) {
                if (accepted.isCompatible(MediaType.valueOf(candidate.mediaType()))) {
                    return candidate;
                }
            }
        }
        throw new ProblemException(Problem.of(406, "Not Acceptable",
                "postmortems are available as text/markdown, text/html, application/pdf and application/json"));
    }

    /** 200 with the document, a download file name, ETag = SHA-256 and Repr-Digest (RFC 9530). */
    static Response ok(Postmortems.Rendered rendered) {
        Response.ResponseBuilder response = Response.ok(rendered.content(), rendered.format().mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + rendered.fileName() + "\"")
                .header("ETag", "\"" + rendered.sha256() + "\"")
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(rendered.sha256())) + ":")
                .header(TEMPLATE_VERSION, rendered.templateVersion());
        if (rendered.incidentVersion() >= 0 && rendered.knownAt() != null) {
            response.header(INCIDENT_VERSION, rendered.incidentVersion()).header(KNOWN_AT, rendered.knownAt().toString());
        }
        return response.build();
    }
}
