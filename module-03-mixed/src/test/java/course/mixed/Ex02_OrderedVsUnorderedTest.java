package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import course.mixed.support.OnContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Ex02 · Ordered vs unordered executeBlocking")
class Ex02_OrderedVsUnorderedTest {

    private static final int JOBS = 4;

    @Test
    @DisplayName("ordered jobs run one at a time, in submission order, on worker threads")
    void orderedJobsNeverOverlap(Vertx vertx) throws Exception {
        Context context = vertx.getOrCreateContext();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Integer> startOrder = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Callable<String>> jobs = IntStream.range(0, JOBS).<Callable<String>>mapToObj(i -> () -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            startOrder.add(i);
            threads.add(Thread.currentThread().getName());
            Thread.sleep(50);   // long enough for a second job to start, if it is allowed to
            inFlight.decrementAndGet();
            return "job-" + i;
        }).toList();

        List<String> results = OnContext.call(context, () -> Ex02_OrderedVsUnordered.oneAfterAnother(context, jobs))
            .await(5, TimeUnit.SECONDS);

        assertThat(results).as("Ex02: the results should come back in list order").containsExactly("job-0", "job-1", "job-2", "job-3");
        assertThat(peak.get())
            .as("Ex02: %d jobs ran at the same time; oneAfterAnother should run them one at a time. "
                + "Hint: context.executeBlocking(job) is ordered by default", peak.get())
            .isEqualTo(1);
        assertThat(startOrder).as("Ex02: the jobs should start in list order").containsExactly(0, 1, 2, 3);
        assertThat(threads)
            .as("Ex02: the jobs should run on Vert.x worker threads, not on the event loop")
            .allMatch(name -> name.startsWith("vert.x-worker-thread-"));
    }

    @Test
    @DisplayName("unordered jobs run side by side: four jobs that each wait for the other three all finish")
    void unorderedJobsRunTogether(Vertx vertx) {
        Context context = vertx.getOrCreateContext();
        // Each job waits until all four are running: only jobs in flight together can pass.
        CyclicBarrier allFour = new CyclicBarrier(JOBS);
        List<Callable<String>> jobs = IntStream.range(0, JOBS).<Callable<String>>mapToObj(i -> () -> {
            allFour.await(2, TimeUnit.SECONDS);
            return "job-" + i;
        }).toList();

        AtomicReference<List<String>> results = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> results.set(
            OnContext.call(context, () -> Ex02_OrderedVsUnordered.sideBySide(context, jobs)).await(8, TimeUnit.SECONDS)));

        assertThat(failure)
            .as("Ex02: the %d jobs should all be running at once (each waits up to 2 s for the others), but got: %s. "
                + "Hint: context.executeBlocking(job, false) lets one context's jobs run in parallel", JOBS, failure)
            .isNull();
        assertThat(results.get()).as("Ex02: the results should come back in list order")
            .containsExactly("job-0", "job-1", "job-2", "job-3");
    }
}
