package dev.faultline.web;

import dev.faultline.web.problem.ProblemException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only a few PDF renderings run at once; one more waits briefly, then gets 503 with Retry-After. */
class RenderAdmissionTest {

    @Test
    void a_rendering_past_the_limit_is_refused_with_retry_after() throws Exception {
        RenderAdmission admission = new RenderAdmission();
        CountDownLatch running = new CountDownLatch(RenderAdmission.PDF);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(RenderAdmission.PDF);
        for (int i = 0; i < RenderAdmission.PDF; i++) {
            pool.submit(() -> admission.pdf(() -> {
                running.countDown();
                try {
                    return release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> admission.pdf(() -> "one too many"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.toResponse().getHeaderString("Retry-After")).isEqualTo("5");
                });
        release.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(admission.pdf(() -> "admitted again")).isEqualTo("admitted again");
    }
}
