package dev.faultline.web.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpClosedException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * A client that hangs up while its body is read reaches the mappers as an IOException wrapping
 * Vert.x's HttpClosedException (seen under wrk, whose runs end with requests in flight). That is
 * not a server failure: 400, and no ERROR with a stack trace in the log.
 */
class ClientGoneTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void aClosedConnectionIsTheClientsDoingNotAServerError() {
        var closed = new IOException(new IOException(new HttpClosedException("Connection was closed")));
        assertThat(ProblemMappers.clientGone(closed)).isTrue();
        assertThat(mappers.unexpected(closed).getStatus()).isEqualTo(400);
    }

    @Test
    void otherFailuresStayUnexpected() {
        var failure = new IllegalStateException("boom", new IOException("disk full"));
        assertThat(ProblemMappers.clientGone(failure)).isFalse();
        assertThat(mappers.unexpected(failure).getStatus()).isEqualTo(500);
    }
}
