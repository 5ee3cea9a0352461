package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Ex07 · A platform thread per request under a traffic spike.
 *
 * <p>"One thread per request" is the simplest server there is, and it works until the traffic
 * spikes. Each platform thread is an OS thread with its own stack and kernel bookkeeping: a few
 * thousand requests arriving at once become a few thousand OS threads, then memory pressure,
 * context-switch storms, and finally {@code OutOfMemoryError: unable to create native thread}.
 * Nothing limits the damage, because the spike itself decides how many threads exist.
 *
 * <p>Repaired: virtual threads keep the simple thread-per-request code and run on a handful of
 * carrier threads. A waiting one is cheap: measured on JDK 25, about 2 KB of live heap per virtual
 * thread parked in {@code CountDownLatch.await} a few frames deep (deeper stacks need more), against
 * a 16 KiB kernel stack and about 45 KiB of resident memory for a parked platform thread (x86-64
 * Linux; module 01's samples/ThreadMemory.java). Every waiting request can be in flight at once.
 * (A bounded platform pool also stops the spike from choosing the thread count, but then requests
 * that only wait queue behind each other; a bound is the tool when the work itself is scarce, like
 * CPU, or a partner's limit: see Ex10.)
 */
public final class Ex07_ThreadPerRequest implements AutoCloseable {

    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

    /** Handles one request in the background; never blocks the caller. */
    public CompletableFuture<String> handle(Callable<String> request) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return request.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, requests);
    }

    /** Stops taking requests and waits for the ones in flight. */
    @Override
    public void close() {
        requests.close(); // waits for the requests in flight
    }
}
