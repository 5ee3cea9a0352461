package course.threads;

import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Ex06 · A BlockingQueue as a channel between one producer and several consumers.
 *
 * <p>Instead of sharing a data structure and locking it, threads can share nothing but a queue
 * and hand each other messages: the producer put()s, each consumer take()s, and the queue does
 * all the locking. A bounded queue adds back-pressure: when consumers fall behind, put() blocks
 * and the producer slows down instead of filling the heap.
 *
 * <p>A queue has no "closed" state, so the end of the stream must travel as a message too: the
 * producer puts one end marker (a "poison pill") per consumer, and each consumer stops when it
 * takes one. One pill for three consumers would stop one and leave two waiting forever.
 */
public final class Ex06_ProducerConsumer {

    /** Bounded, so a fast producer cannot run away from slow consumers. */
    static final int QUEUE_CAPACITY = 16;

    /** What travels on the queue: an item, or the end of the stream. */
    private sealed interface Message<T> permits Item, EndOfStream {
    }

    private record Item<T>(T value) implements Message<T> {
    }

    private record EndOfStream<T>() implements Message<T> {
    }

    private Ex06_ProducerConsumer() {
    }

    /**
     * Sends every item through a bounded BlockingQueue from one producer thread to
     * {@code consumers} consumer threads, which call {@code handler} once per item. All threads
     * come from {@code threadFactory}; the call returns when every one of them has ended.
     */
    public static <T> void pipe(List<T> items, int consumers, ThreadFactory threadFactory, Consumer<? super T> handler)
            throws InterruptedException {
        // TODO: one producer thread sends every item through a queue of at most QUEUE_CAPACITY
        //  messages to `consumers` consumer threads, which hand each item to handler exactly once.
        //  A queue has no "closed" state: every consumer must learn that the stream has ended
        //  (a pause is not an end), and pipe() returns only when every thread has ended.
        throw new UnsupportedOperationException("Ex06 not implemented yet: one producer, a bounded queue, several consumers, and a clean end of stream");
    }
}
