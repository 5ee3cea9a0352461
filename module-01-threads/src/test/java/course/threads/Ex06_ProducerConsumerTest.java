package course.threads;

import course.threads.support.Rendezvous;
import course.threads.support.TrackingThreadFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@DisplayName("Ex06 · A BlockingQueue as a channel between a producer and consumers")
class Ex06_ProducerConsumerTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 1_000).boxed().toList();

    /** Calls pipe(), but gives up after 3 s: consumers that never see their end marker wait forever. */
    private static void pipe(List<Integer> items, int consumers, TrackingThreadFactory factory, Consumer<Integer> handler) {
        assertTimeoutPreemptively(Duration.ofSeconds(3), () -> Ex06_ProducerConsumer.pipe(items, consumers, factory, handler),
            () -> "Ex06: pipe() should return once the stream has ended, but after 3 s these threads still run: " + factory.alive()
                + ". Hint: consumers stop only on an end marker, so the producer must put one PER consumer");
    }

    @Test
    @DisplayName("every item is handled exactly once")
    void everyItemExactlyOnce() {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex06");
        Queue<Integer> handled = new ConcurrentLinkedQueue<>();

        pipe(ITEMS, 3, factory, handled::add);

        assertThat(handled)
            .as("Ex06: each of the 1,000 items should reach the handler exactly once. Hint: one producer puts each item once; each take() removes it for one consumer")
            .containsExactlyInAnyOrderElementsOf(ITEMS);
    }

    @Test
    @DisplayName("the 3 consumers handle items at the same time, on threads from the factory")
    void consumersWorkSideBySide() {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex06");
        Rendezvous threeConsumers = new Rendezvous(3);
        Queue<Thread> handlers = new ConcurrentLinkedQueue<>();

        pipe(ITEMS, 3, factory, item -> {
            handlers.add(Thread.currentThread());
            if (item < 3) {
                threeConsumers.arrive();                          // items 0, 1, 2 must be in 3 hands at once
            }
        });

        assertThat(threeConsumers.allMet())
            .as("Ex06: items 0, 1 and 2 should be handled by the 3 consumers at the same time (%s). Hint: start 3 consumer threads, all taking from the same queue", threeConsumers)
            .isTrue();
        assertThat(handlers)
            .as("Ex06: the handler should run on consumer threads made by the given factory. Hint: threadFactory.newThread(...)")
            .allMatch(factory::madeThisThread);
    }

    @Test
    @DisplayName("the queue is bounded: while consumers are stuck, the producer stops after filling it")
    void producerWaitsForSlowConsumers() throws Exception {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex06");
        CountDownLatch consumersStuck = new CountDownLatch(1);
        AtomicInteger fetched = new AtomicInteger();             // how far the producer has read the items
        List<Integer> items = new AbstractList<>() {
            @Override
            public Integer get(int index) {
                fetched.accumulateAndGet(index + 1, Math::max);
                return index;
            }

            @Override
            public int size() {
                return 1_000;
            }
        };
        int consumers = 2;
        // 2 items in the consumers' hands + a full queue + 1 the producer holds while put() blocks.
        int mostInFlight = consumers + Ex06_ProducerConsumer.QUEUE_CAPACITY + 1;

        FutureTask<Void> piping = new FutureTask<>(() -> {
            Ex06_ProducerConsumer.pipe(items, consumers, factory, item -> awaitQuietly(consumersStuck));
            return null;
        });
        Thread.ofPlatform().daemon().name("ex06-test-caller").start(piping);
        int fetchedWhileStuck;
        try {
            await("Ex06: the producer should fill the queue while the consumers are busy. Hint: start the producer thread too")
                .atMost(Duration.ofSeconds(2))
                .until(() -> fetched.get() >= mostInFlight - 1 || piping.isDone());
            if (piping.isDone()) {
                piping.get();                                     // rethrows what pipe() threw
            }
            Thread.sleep(200);                                    // an unbounded queue would take all 1,000 by now
            fetchedWhileStuck = fetched.get();
        } finally {
            consumersStuck.countDown();
        }
        piping.get(3, TimeUnit.SECONDS);

        assertThat(fetchedWhileStuck)
            .as("Ex06: with both consumers stuck, the producer should block once the queue is full: it took %d items, but only %d fit "
                + "(%d in the consumers' hands, %d in the queue, 1 waiting in put()). Hint: new ArrayBlockingQueue<>(QUEUE_CAPACITY) and put(), which waits for room",
                fetchedWhileStuck, mostInFlight, consumers, Ex06_ProducerConsumer.QUEUE_CAPACITY)
            .isLessThanOrEqualTo(mostInFlight);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("the stream ends cleanly: one producer, 3 consumers, all ended when pipe returns")
    void endsCleanly() {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex06");

        pipe(ITEMS, 3, factory, item -> { });

        assertThat(factory.created())
            .as("Ex06: expected exactly 4 threads from the factory: 1 producer and 3 consumers")
            .hasSize(4);
        assertThat(factory.ran())
            .as("Ex06: all 4 threads should have been started. Hint: start() each one")
            .isEqualTo(4);
        assertThat(factory.allEndWithin(Duration.ofSeconds(2)))
            .as("Ex06: no thread should outlive pipe(), but these are alive: %s. Hint: join() every thread before returning", factory.alive())
            .isTrue();
    }
}
