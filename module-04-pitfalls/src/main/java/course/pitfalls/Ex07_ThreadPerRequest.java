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
        // TODO: symptom: fine in tests, then a spike of slow requests creates thousands of OS threads
        //  at once: memory climbs, latency explodes, "unable to create native thread". Every waiting
        //  request should still be in flight at once, and close() must wait for them.
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

    /** Stops taking requests and waits for the ones in flight. */
    @Override
    public void close() {
        // Nothing to release yet.
    }
}
