package course.async;

import static org.assertj.core.api.Assertions.assertThat;

import course.async.support.Await;
import course.async.support.SlowHttpServer;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@DisplayName("Ex12 · Virtual-thread verticles: fan-out as straight-line code")
@ExtendWith(VertxExtension.class)
class Ex12_VirtualThreadFanOutTest {

    /** What the work saw about the thread it ran on. */
    record Where(boolean virtual, ThreadingModel model, String awaited) {
    }

    @Tag("contract:placement")
    @Tag("contract:lifecycle")
    @Test
    @DisplayName("onVirtualThread runs the work on a virtual thread of a VIRTUAL_THREAD context, where await() works")
    void runsOnAVirtualThread(Vertx vertx) {
        AtomicReference<Set<String>> deployedWhenDone = new AtomicReference<>();
        Where where = Await.result(
            deploymentsWhenDone(vertx, Ex12_VirtualThreadFanOut.onVirtualThread(vertx, () -> new Where(
                Thread.currentThread().isVirtual(),
                Vertx.currentContext() == null ? null : Vertx.currentContext().threadingModel(),
                vertx.timer(20).map(fired -> "parked, not blocked").await())), deployedWhenDone),
            "Ex12: onVirtualThread should complete with the work's result. Hint: run the work inside a verticle deployed "
                + "with the virtual-thread threading model");

        assertThat(where.model())
            .as("Ex12: the work should run in a Vert.x context with the VIRTUAL_THREAD threading model (a plain virtual thread "
                + "has no Vert.x context; a standard verticle runs on an event loop). Hint: the threading model is a deployment option")
            .isEqualTo(ThreadingModel.VIRTUAL_THREAD);
        assertThat(where.virtual()).as("Ex12: Thread.currentThread().isVirtual() inside the work").isTrue();
        assertThat(where.awaited()).isEqualTo("parked, not blocked");
        assertThat(deployedWhenDone.get())
            .as("Ex12: when onVirtualThread's future completed, its helper verticle was still deployed: %s",
                whyStillDeployed(vertx, "it is never undeployed, so every call leaves one verticle behind. Hint: chain the undeploy "
                    + "after the deployment, then the result"))
            .isEmpty();
    }

    @Tag("contract:errors")
    @Tag("contract:lifecycle")
    @Test
    @DisplayName("onVirtualThread reports the work's failure, and undeploys its verticle on that path too")
    void reportsFailure(Vertx vertx) {
        AtomicReference<Set<String>> deployedWhenDone = new AtomicReference<>();
        Throwable error = Await.failure(
            deploymentsWhenDone(vertx, Ex12_VirtualThreadFanOut.onVirtualThread(vertx, () -> {
                throw new IllegalArgumentException("bad input");
            }), deployedWhenDone),
            "Ex12: work that throws must fail the returned future; it stayed pending, so the failure never reached the caller. "
                + "Hint: the work's exception must end up in the future you return");

        assertThat(error).as("Ex12: the work's own exception should come out").isInstanceOf(IllegalArgumentException.class).hasMessage("bad input");
        assertThat(deployedWhenDone.get())
            .as("Ex12: the work failed, and when onVirtualThread's future failed its helper verticle was still deployed: %s",
                whyStillDeployed(vertx, "it stays deployed: it was undeployed only on the success path. Hint: undeploy once the work "
                    + "is done, whatever its outcome, and only then hand out the result or the failure"))
            .isEmpty();
    }

    /**
     * {@code future}, watched: the moment it completes, the deployments left then are put in {@code deployedWhenDone}.
     * A callback on the future itself runs at its completion, before the test thread can look, so an undeploy that
     * was started but not waited for is seen however fast it finishes.
     */
    private static <T> Future<T> deploymentsWhenDone(Vertx vertx, Future<T> future, AtomicReference<Set<String>> deployedWhenDone) {
        return future.andThen(done -> deployedWhenDone.set(Set.copyOf(vertx.deploymentIDs())));
    }

    /** Why a verticle was still deployed when the result came out: an undeploy not waited for, or none at all. */
    private static String whyStillDeployed(Vertx vertx, String ifNeverUndeployed) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!vertx.deploymentIDs().isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return vertx.deploymentIDs().isEmpty()
            ? "it was undeployed only after the result had been handed out: the undeploy was started, but the result did not wait "
                + "for it. Hint: hand out the result from a step chained after the undeploy's own future (compose), not beside it"
            : ifNeverUndeployed;
    }

    @Tag("contract:values")
    @Tag("contract:concurrency")
    @Tag("contract:cores")
    @Test
    @DisplayName("straight-line fetchAll: 10 URLs with a limit of 3 keep exactly 3 in flight, bodies in input order")
    @Timeout(30)   // includes the test server's start-up, bounded by SlowHttpServer itself
    void straightLineFanOut(Vertx vertx) {
        SlowHttpServer server = SlowHttpServer.start(vertx, 250);
        WebClient client = WebClient.create(vertx);

        List<String> bodies = Await.result(
            Ex12_VirtualThreadFanOut.onVirtualThread(vertx, () -> Ex12_VirtualThreadFanOut.fetchAll(client, server.itemUrls(10), 3)),
            "Ex12: fetchAll on a virtual thread should return every body");

        int peak = server.peakInFlight();
        assertThat(peak)
            .as("Ex12: the server saw at most %d requests at once; with a limit of 3 it should see exactly 3 "
                + "(1 = awaiting each request before starting the next, 5 or 10 = no limit). Hint: before starting a request, wait for the one started 3 places earlier", peak)
            .isEqualTo(3);
        assertThat(server.requestsReceived()).as("Ex12: each URL fetched exactly once").isEqualTo(10);
        assertThat(bodies)
            .as("Ex12: bodies in URL order")
            .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "/item/" + i).toList());
    }

    @Tag("contract:concurrency")
    @Tag("contract:cores")
    @Test
    @DisplayName("straight-line fetchAll: a limit above the machine's core count is kept exactly, since waiting requests use no core")
    @Timeout(30)   // includes the test server's start-up, bounded by SlowHttpServer itself
    void aLimitAboveTheCoreCount(Vertx vertx) {
        int cores = Runtime.getRuntime().availableProcessors();
        int limit = Math.max(6, 2 * cores + 1);
        // Answers of 1 s, and a client whose connection pool is wide enough for the limit (the default holds 5), so that
        // even a loaded machine opens all the connections before the first answer.
        SlowHttpServer server = SlowHttpServer.start(vertx, 1_000);
        WebClient wide = WebClient.create(vertx, new WebClientOptions(), new PoolOptions().setHttp1MaxSize(limit));

        List<String> bodies = Await.result(
            Ex12_VirtualThreadFanOut.onVirtualThread(vertx, () -> Ex12_VirtualThreadFanOut.fetchAll(wide, server.itemUrls(limit + 2), limit)),
            "Ex12: fetchAll on a virtual thread should return every body");

        int peak = server.peakInFlight();
        assertThat(peak)
            .as("Ex12: with a limit of %d on this %d-core machine the server should see exactly %d requests at once, but saw %d. "
                + "Hint: the window is the caller's parameter; an awaiting virtual thread uses no core, so the cores are no bound here",
                limit, cores, limit, peak)
            .isEqualTo(limit);
        assertThat(bodies).as("Ex12: bodies in URL order").containsExactlyElementsOf(IntStream.range(0, limit + 2).mapToObj(i -> "/item/" + i).toList());
    }

    @Tag("contract:errors")
    @Test
    @DisplayName("straight-line fetchAll: a request that fails fails the whole fan-out, with the failure the server gave")
    @Timeout(30)   // includes the test server's start-up, bounded by SlowHttpServer itself
    void aFailedRequestFailsTheFanOut(Vertx vertx) {
        SlowHttpServer server = SlowHttpServer.start(vertx, 50);
        WebClient client = WebClient.create(vertx);
        List<String> urls = List.of(server.url("/item/0"), server.url("/item/1"), server.url("/broken?failures=99"), server.url("/item/3"));

        Throwable error = Await.failure(
            Ex12_VirtualThreadFanOut.onVirtualThread(vertx, () -> Ex12_VirtualThreadFanOut.fetchAll(client, urls, 2)),
            "Ex12: one of the four requests got a 500, but fetchAll returned a list as if the fan-out had worked (a null body, "
                + "or fewer bodies). Hint: await() throws the request's failure; let it leave fetchAll instead of catching it");

        assertThat(error).as("Ex12: the failure should be the 500 the server answered").hasMessageContaining("500");
    }

    @Tag("contract:concurrency")
    @Test
    @DisplayName("the window slides: when the oldest request answers, the next one starts, even while the others are still slow")
    @Timeout(30)   // includes the test server's start-up, bounded by SlowHttpServer itself
    void theWindowSlides(Vertx vertx) {
        SlowHttpServer server = SlowHttpServer.start(vertx, 20);
        WebClient client = WebClient.create(vertx);
        // /item/0 answers after 20 ms, /item/1 and /item/2 after 1.2 s, the rest after 20 ms. A sliding window of 3
        // starts /item/3 as soon as /item/0 answered; batches of 3 start it only after /item/1 and /item/2 (1.2 s).
        List<String> urls = IntStream.range(0, 6)
            .mapToObj(i -> server.url("/item/" + i + (i == 1 || i == 2 ? "?delay=1200" : "")))
            .toList();

        List<String> bodies = Await.result(
            Ex12_VirtualThreadFanOut.onVirtualThread(vertx, () -> Ex12_VirtualThreadFanOut.fetchAll(client, urls, 3)),
            "Ex12: fetchAll on a virtual thread should return every body");

        int receivedBeforeSlowAnswer = server.requestsReceivedWhenAnswering("/item/1");
        assertThat(receivedBeforeSlowAnswer)
            .as("Ex12: when the slow /item/1 answered (after 1.2 s), the server had received only %d requests: /item/3 waited "
                + "for the whole group although /item/0 had answered long before. Hint: before starting a request, wait for "
                + "the one started K places earlier only, not for a whole batch", receivedBeforeSlowAnswer)
            .isGreaterThan(3);
        assertThat(server.peakInFlight()).as("Ex12: never more than 3 in flight").isLessThanOrEqualTo(3);
        assertThat(bodies).as("Ex12: bodies in URL order").containsExactlyElementsOf(IntStream.range(0, 6).mapToObj(i -> "/item/" + i).toList());
    }
}
