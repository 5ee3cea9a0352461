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
 * <p>Repaired: virtual threads keep the simple thread-per-request code but cost a few hundred bytes
 * each, and run on a handful of carrier threads. (The other repair is a bounded platform pool with
 * back-pressure: a fixed number of threads and a queue, or a rejection, when it is full.)
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

    @Override
    public void close() {
        requests.close(); // waits for the requests in flight
    }
}
