package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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
 *
 * <p>Solution note: a sealed Message type makes the pill a real value instead of a magic item
 * (null, -1, ""), and the switch over it is checked for completeness by the compiler.
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
        BlockingQueue<Message<T>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        List<Thread> threads = new ArrayList<>();

        threads.add(threadFactory.newThread(() -> {
            try {
                for (T item : items) {
                    queue.put(new Item<>(item));                  // blocks while the queue is full
                }
                for (int i = 0; i < consumers; i++) {
                    queue.put(new EndOfStream<>());               // one pill per consumer
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));

        for (int c = 0; c < consumers; c++) {
            threads.add(threadFactory.newThread(() -> {
                try {
                    while (true) {
                        switch (queue.take()) {                   // blocks while the queue is empty
                            case Item<T>(T value) -> handler.accept(value);
                            case EndOfStream<T>() -> {
                                return;                           // this consumer's pill: done
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }

        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
