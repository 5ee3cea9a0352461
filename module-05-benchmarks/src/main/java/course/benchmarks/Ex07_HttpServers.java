package course.benchmarks;

import java.io.IOException;

/**
 * Ex07 · One HTTP service, three models: a platform pool, a virtual thread per request, an event loop.
 *
 * <p>Every request waits for its database (W, 100 ms), computes (C, about 0.2 ms), and answers. A
 * request holds whatever it runs on for the whole wait. In a pool of 200 platform threads that
 * is a thread: 200 requests in flight at most, the rest queue, so the pool serves at most
 * 200 / (W + C) requests a second however many clients come. A virtual thread parks while it
 * waits and frees its carrier; an event loop sets a timer and holds nothing. The CPU part is the
 * same in every model and must never run on the event loop, which serves every connection.
 *
 * <p>The tests check what each server does, never how fast: requests in flight at once meet
 * while they wait, each step runs where its model says, and close() ends every thread. One
 * check needs a time window: a pool that runs more than poolSize requests at once is caught if
 * the extra ones, sent at the same moment, arrive within a second (the module's METHOD.md says why).
 * The benchmark ({@code verify -Pbench}) then loads each server with 100 to 2,000 connections.
 */
public final class Ex07_HttpServers {

    private Ex07_HttpServers() {
    }

    // TODO: serve GET /?id=N three ways. Each request asks the backend (its database), then runs
    //  backend.compute(id) and answers that JSON. fixedPool: at most poolSize requests at once;
    //  virtualThreads: a thread of its own for every request; vertx: the event loop never waits or
    //  computes. close() leaves no thread running. (JdkHttp starts the JDK's server for the first two.)

    /** The servlet-container default: a fixed pool of {@code poolSize} platform threads runs the requests. */
    public static RunningServer fixedPool(Backend backend, int poolSize) throws IOException {
        throw new UnsupportedOperationException("Ex07 not implemented yet: fixedPool, a JDK server whose requests run on a pool of poolSize platform threads");
    }

    /** The same blocking handler, each request on a new virtual thread. */
    public static RunningServer virtualThreads(Backend backend) throws IOException {
        throw new UnsupportedOperationException("Ex07 not implemented yet: virtualThreads, a JDK server with a new virtual thread per request");
    }

    /** A Vert.x server: the wait holds no thread, the CPU part never runs on the event loop. */
    public static RunningServer vertx(Backend backend) {
        throw new UnsupportedOperationException("Ex07 not implemented yet: vertx, a Vert.x HttpServer that never blocks its event loop");
    }
}
