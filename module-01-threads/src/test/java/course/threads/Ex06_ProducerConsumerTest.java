package course.threads;

import course.threads.support.Rendezvous;
import course.threads.support.TrackingThreadFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

@DisplayName("Ex06 · A BlockingQueue as a channel between a producer and consumers")
class Ex06_ProducerConsumerTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 1_000).boxed().toList();

    private static final String SHARED_QUEUE =
        "Hint: the queue belongs to one call of pipe(), like its threads: a queue kept in a static field (or made once and reused) is "
            + "shared by every pipe, so one pipe's consumers take another's items and end markers";

    private static final String ONE_MARKER_PER_CONSUMER =
        "Hint: a consumer stops only when it takes an end marker, and each marker is taken by one consumer: how many does the producer put?";

    /**
     * Calls pipe(), but gives up after 8 s (a right answer needs well under one): consumers that
     * never see their end marker wait forever. {@code ifStuck} is the hint for the mistake this
     * test is about.
     */
    private static void pipe(List<Integer> items, int consumers, TrackingThreadFactory factory, Consumer<Integer> handler, String ifStuck) {
        assertTimeoutPreemptively(Duration.ofSeconds(8), () -> Ex06_ProducerConsumer.pipe(items, consumers, factory, handler),
            () -> factory.ranOnAnotherThread() > 0
                ? "Ex06: pipe() did not return within 8 s, and a thread's task ran on the caller's own thread: run() is a plain method call "
                    + "(the caller then takes from the queue itself, before the producer ever starts); start() gives the task its thread"
                : "Ex06: pipe() should return once the stream has ended, but after 8 s these threads still run: " + factory.alive() + ". " + ifStuck);
    }

    @Tag("contract:values")
    @Test
    @DisplayName("every item is handled exactly once")
    void everyItemExactlyOnce() {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex06");
        Queue<Integer> handled = new ConcurrentLinkedQueue<>();

        pipe(ITEMS, 3, factory, handled::add, ONE_MARKER_PER_CONSUMER);

        assertThat(handled)
            .as("Ex06: each of the 1,000 items should reach the handler exactly once. Hint: one producer puts each item once; each take() removes it for one consumer")
            .containsExactlyInAnyOrderElementsOf(ITEMS);
    }

    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Tag("contract:state")
    @Tag("contract:cores")
    @ParameterizedTest(name = "{0} consumers")
    @ValueSource(ints = {3, 5})
    @DisplayName("the consumers handle items at the same time, on threads from the factory")
    void consumersWorkSideBySide(int consumers) {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex06");
        Rendezvous allConsumers = new Rendezvous(consumers);
        Queue<Thread> handlers = new ConcurrentLinkedQueue<>();

        pipe(ITEMS, consumers, factory, item -> {
            handlers.add(Thread.currentThread());
            if (item < consumers) {
                allConsumers.arrive();                            // the first items must be in as many hands at once
            }
        }, ONE_MARKER_PER_CONSUMER);

        assertThat(allConsumers.allMet())
            .as("Ex06: items 0 to %d should be handled by the %d consumers at the same time (%s). Hint: start one consumer thread per consumer asked for, "
                + "all taking from the same queue", consumers - 1, consumers, allConsumers)
            .isTrue();
        assertThat(handlers)
            .as("Ex06: the handler should run on consumer threads made by the given factory. Hint: threadFactory.newThread(...)")
            .allMatch(factory::madeThisThread);
    }

    @Tag("contract:concurrency")
    @Test
    @Timeout(20)
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
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> fetched.get() >= mostInFlight - 1 || piping.isDone());
            } catch (ConditionTimeoutException e) {
                fail("Ex06: the producer took only %d items in 5 s while the consumers were busy; it should fill the queue. "
                    + "Hint: is the producer thread started?", fetched.get());
            }
            if (piping.isDone()) {
                piping.get();                                     // rethrows what pipe() threw
            }
            // A bounded queue stops the producer here for good; give an unbounded one 1 s to show it goes on.
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (fetched.get() <= mostInFlight && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            fetchedWhileStuck = fetched.get();
        } finally {
            consumersStuck.countDown();
        }
        try {
            piping.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("Ex06: pipe() did not return within 5 s of the consumers being released; these threads still run: "
                + factory.alive() + ". " + ONE_MARKER_PER_CONSUMER);
        }

        assertThat(fetchedWhileStuck)
            .as("Ex06: with both consumers stuck, the producer should block once the queue is full: it took %d items, but only %d fit "
                + "(%d in the consumers' hands, %d in the queue, 1 waiting to be put). Hint: a queue with a capacity (QUEUE_CAPACITY), "
                + "and the method that waits for room rather than failing or growing",
                fetchedWhileStuck, mostInFlight, consumers, Ex06_ProducerConsumer.QUEUE_CAPACITY)
            .isLessThanOrEqualTo(mostInFlight);
    }

    @Tag("contract:values")
    @Test
    @DisplayName("a producer that pauses mid-stream: the consumers wait for it instead of deciding the stream has ended")
    void consumersWaitThroughAPause() {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex06");
        Queue<Integer> handled = new ConcurrentLinkedQueue<>();
        List<Integer> items = new AbstractList<>() {
            @Override
            public Integer get(int index) {
                if (index == 500) {
                    sleep(Duration.ofMillis(400));                // the producer is slow for a moment, as a real source is
                }
                return index;
            }

            @Override
            public int size() {
                return 1_000;
            }
        };

        pipe(items, 3, factory, handled::add,
            "The producer paused for 400 ms after item 499: did the consumers decide the stream had ended because the queue was empty for a while? "
                + "Then the producer blocks on a full queue nobody empties. Hint: an empty queue only means \"not yet\"; the end of the stream "
                + "must travel through the queue as a message, and a consumer waits (take()) until it gets one");

        assertThat(handled)
            .as("Ex06: all 1,000 items should be handled even though the producer paused for 400 ms mid-stream. Hint: consumers stop on an end marker, "
                + "never on an empty queue or a timeout")
            .hasSize(1_000);
    }

    @Tag("contract:lifecycle")
    @Tag("contract:state")
    @ParameterizedTest(name = "{0} consumers")
    @ValueSource(ints = {1, 3})
    @DisplayName("the stream ends cleanly: when pipe returns, every item is handled and the producer and all consumers have ended")
    void endsCleanly(int consumers) {
        TrackingThreadFactory factory = new TrackingThreadFactory("ex06");
        AtomicInteger handled = new AtomicInteger();

        pipe(ITEMS, consumers, factory, item -> {
            if (item >= 990) {                                    // the last items are slow to handle, the very last most
                sleep(Duration.ofMillis(item == 999 ? 300 : 10));
            }
            handled.incrementAndGet();
        }, ONE_MARKER_PER_CONSUMER);
        int handledWhenReturned = handled.get();
        List<Thread> aliveWhenReturned = factory.alive();

        assertThat(handledWhenReturned)
            .as("Ex06: pipe() returned when only %d of the 1,000 items had been handled: the producer had finished sending, but the consumers "
                + "were still working. Hint: the call ends when every thread it started has ended, consumers included (join them all)", handledWhenReturned)
            .isEqualTo(1_000);
        assertThat(aliveWhenReturned)
            .as("Ex06: no thread should outlive pipe(), but these were alive when it returned. Hint: join() every thread before returning")
            .isEmpty();
        assertThat(factory.created())
            .as("Ex06: expected exactly %d threads from the factory: 1 producer and %d consumers", consumers + 1, consumers)
            .hasSize(consumers + 1);
        assertThat(factory.ran())
            .as("Ex06: all %d threads should have been started. Hint: start() each one", consumers + 1)
            .isEqualTo(consumers + 1);
    }

    @Tag("contract:state")
    @Test
    @Timeout(30)
    @DisplayName("two pipes at once, from two callers: each pipe's consumers get its own items only")
    void twoPipesAtOnceKeepTheirOwnItems() throws Exception {
        TrackingThreadFactory firstThreads = new TrackingThreadFactory("ex06-first");
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicInteger fetchedByFirst = new AtomicInteger();
        List<Integer> firstItems = new AbstractList<>() {
            @Override
            public Integer get(int index) {
                fetchedByFirst.accumulateAndGet(index + 1, Math::max);
                return index;
            }

            @Override
            public int size() {
                return 100;
            }
        };
        Queue<Integer> handledByFirst = new ConcurrentLinkedQueue<>();
        // The first pipe's only consumer holds item 0 until the second pipe is done, so the first pipe's
        // next items wait in its queue the whole time the second pipe runs.
        FutureTask<Void> first = new FutureTask<>(() -> {
            Ex06_ProducerConsumer.pipe(firstItems, 1, firstThreads, item -> {
                if (item == 0) {
                    awaitQuietly(secondDone);
                }
                handledByFirst.add(item);
            });
            return null;
        });
        Thread.ofPlatform().daemon().name("ex06-first-caller").start(first);
        Queue<Integer> handledBySecond = new ConcurrentLinkedQueue<>();
        List<Integer> secondItems = IntStream.range(1_000, 1_100).boxed().toList();
        try {
            try {
                await().atMost(Duration.ofSeconds(5)).until(() -> fetchedByFirst.get() >= 10 || first.isDone());
            } catch (ConditionTimeoutException e) {
                fail("Ex06: the first pipe's producer took only %d items in 5 s while its consumer was busy; it should fill the queue. "
                    + "Hint: is the producer thread started?", fetchedByFirst.get());
            }
            if (first.isDone()) {
                first.get();                                      // rethrows what pipe() threw
            }
            pipe(secondItems, 1, new TrackingThreadFactory("ex06-second"), handledBySecond::add, SHARED_QUEUE
                + " (here the second pipe's consumer can have taken the first pipe's end marker, and its producer waits for room forever)");
        } finally {
            secondDone.countDown();
        }
        try {
            first.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            fail("Ex06: the first pipe did not return within 5 s of the second one ending; these threads still run: "
                + firstThreads.alive() + ". " + SHARED_QUEUE);
        }

        assertThat(handledBySecond)
            .as("Ex06: a second pipe, run while the first one's items were waiting in its queue, should hand its handler its own 100 items "
                + "(1000 to 1099), but it handed over %s. %s", handledBySecond, SHARED_QUEUE)
            .containsExactlyInAnyOrderElementsOf(secondItems);
        assertThat(handledByFirst)
            .as("Ex06: the first pipe should hand its handler its own 100 items (0 to 99) whatever another pipe does meanwhile. %s", SHARED_QUEUE)
            .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).boxed().toList());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
