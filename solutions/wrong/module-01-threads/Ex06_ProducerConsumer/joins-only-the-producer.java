// Wrong: joins only the producer, so pipe() returns while the consumers are still handling the last items
// Caught by: endsCleanly
package course.threads;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

public final class Ex06_ProducerConsumer {

    static final int QUEUE_CAPACITY = 16;

    private sealed interface Message<T> permits Item, EndOfStream {
    }

    private record Item<T>(T value) implements Message<T> {
    }

    private record EndOfStream<T>() implements Message<T> {
    }

    private Ex06_ProducerConsumer() {
    }

    public static <T> void pipe(List<T> items, int consumers, ThreadFactory threadFactory, Consumer<? super T> handler)
            throws InterruptedException {
        BlockingQueue<Message<T>> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        List<Thread> threads = new ArrayList<>();
        Thread producer = threadFactory.newThread(() -> {
            try {
                for (T item : items) {
                    queue.put(new Item<>(item));
                }
                for (int i = 0; i < consumers; i++) {
                    queue.put(new EndOfStream<>());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int c = 0; c < consumers; c++) {
            threads.add(threadFactory.newThread(() -> {
                try {
                    while (true) {
                        switch (queue.take()) {
                            case Item<T>(T value) -> handler.accept(value);
                            case EndOfStream<T>() -> {
                                return;
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }

        producer.start();
        threads.forEach(Thread::start);
        producer.join();                                          // "everything is sent, so we are done"
    }
}
