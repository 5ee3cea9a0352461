package course.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load generator's open loop: its schedule, latency from each request's due time, and its own thread's CPU share. */
class LoadGeneratorTest {

    private static final long START = 1_000_000_000L;

    @Test
    void requests_fall_due_at_fixed_intervals_from_the_start() {
        LoadGenerator.Schedule schedule = new LoadGenerator.Schedule(START, 200); // one every 5 ms

        assertThat(schedule.dueNanos(0)).isEqualTo(START);
        assertThat(schedule.dueNanos(3)).isEqualTo(START + TimeUnit.MILLISECONDS.toNanos(15));
        assertThat(schedule.dueBy(START - 1)).isZero();
        assertThat(schedule.dueBy(START)).isEqualTo(1);
        assertThat(schedule.dueBy(START + TimeUnit.MILLISECONDS.toNanos(5) - 1)).isEqualTo(1);
        assertThat(schedule.dueBy(START + TimeUnit.MILLISECONDS.toNanos(5))).isEqualTo(2);
        assertThat(schedule.dueBy(START + TimeUnit.SECONDS.toNanos(1))).isEqualTo(201);
    }

    @Test
    void a_rate_that_does_not_divide_a_second_never_counts_a_request_before_it_is_due() {
        LoadGenerator.Schedule schedule = new LoadGenerator.Schedule(START, 3); // due at 0, 333,333,333 and 666,666,667 ns

        for (long i = 0; i < 10; i++) {
            long due = schedule.dueNanos(i);
            assertThat(schedule.dueBy(due)).as("due by its own time: request %d", i).isEqualTo(i + 1);
            assertThat(schedule.dueBy(due - 1)).as("one ns before request %d is due", i).isEqualTo(i);
        }
    }

    @Test
    void a_schedule_needs_a_rate() {
        assertThatThrownBy(() -> new LoadGenerator.Schedule(START, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadGenerator.Schedule(START, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latency_runs_from_when_a_request_was_due_not_from_when_it_went_out() {
        long due = START;
        long sentLate = due + TimeUnit.MILLISECONDS.toNanos(300); // the generator stalled 300 ms
        long answered = sentLate + TimeUnit.MILLISECONDS.toNanos(10);

        assertThat(LoadGenerator.Schedule.latencyMicros(due, answered)).isEqualTo(310_000);
        assertThat(LoadGenerator.Schedule.latencyMicros(due, due)).isEqualTo(1); // never 0: HdrHistogram's lowest value
    }

    @Test
    void a_threads_share_of_a_core_is_its_cpu_time_over_the_wall_time() {
        assertThat(LoadGenerator.threadShare(100_000_000, 1_000_000_000, 1_000_000_000)).isEqualTo(0.9);
        assertThat(LoadGenerator.threadShare(-1, 1_000_000_000, 1_000_000_000)).isNaN(); // the JVM cannot tell
        assertThat(LoadGenerator.threadShare(0, 2_000_000_000, 1_000_000_000)).isEqualTo(1); // one thread, one core at most
    }

    /**
     * One connection to a server that answers each request after 20 ms serves at most 50 a second; at
     * 100 due a second a queue builds, and every request due in the window is recorded, each from its
     * due time: request i (from 0) cannot be answered before (i + 1) x 20 ms, so the median one waits
     * about half a second. A generator that timed from when the connection took the request, or that
     * sent the next one only after an answer, would report about 20 ms.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void above_capacity_the_open_loop_records_every_due_request_with_its_queueing() throws Exception {
        Vertx serverVertx = Vertx.vertx();
        try {
            HttpServer server = serverVertx.createHttpServer()
                .requestHandler(request -> serverVertx.setTimer(20, tick -> request.response().end("ok")))
                .listen(0, "127.0.0.1").await();
            try (LoadGenerator generator = new LoadGenerator(server.actualPort(), 1)) {
                LoadGenerator.Window window = generator.runOpen(100, 1, Duration.ZERO, Duration.ofSeconds(1), ProcessHandle.current());

                assertThat(window.latenciesMicros().getTotalCount() + window.errors()).as("every request due in the 1 s window")
                    .isBetween(99L, 101L);
                assertThat(window.errors()).isZero();
                assertThat(window.answered()).as("answers in the window: one connection, 20 ms each").isLessThanOrEqualTo(55);
                assertThat(window.latenciesMicros().getValueAtPercentile(50)).as("median latency, us, from the due time")
                    .isGreaterThanOrEqualTo(400_000);
                assertThat(window.generatorThread()).isBetween(0.0, 1.0);
            }
        } finally {
            serverVertx.close().await();
        }
    }
}
