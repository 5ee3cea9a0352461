package course.pitfalls;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * Ex07 · A platform thread per request under a traffic spike.
 *
 * <p>"One thread per request" is the simplest server there is, and it works until the traffic
 * spikes. Each platform thread is an OS thread with its own stack and kernel bookkeeping: a few
 * thousand requests arriving at once become a few thousand OS threads, then memory pressure,
 * context-switch storms, and finally {@code OutOfMemoryError: unable to create native thread}.
 * Nothing limits the damage, because the spike itself decides how many threads exist.
 */
public final class Ex07_ThreadPerRequest implements AutoCloseable {

    /** Handles one request in the background; never blocks the caller. */
    public CompletableFuture<String> handle(Callable<String> request) {
        // TODO: symptom: fine in tests, then a traffic spike creates thousands of OS threads at once:
        //  memory climbs, latency explodes, "unable to create native thread".
        //  Repair: stop creating a platform thread per request: keep one ExecutorService field, either
        //  Executors.newVirtualThreadPerTaskExecutor() or a bounded platform pool, run each request with
        //  CompletableFuture.supplyAsync(..., executor), and close the executor in close().
        CompletableFuture<String> reply = new CompletableFuture<>();
        Thread.ofPlatform().name("request-handler").start(() -> {
            try {
                reply.complete(request.call());
            } catch (Exception e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    @Override
    public void close() {
        // Nothing to release yet.
    }
}
