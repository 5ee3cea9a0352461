package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import course.mixed.support.ProfilesDb;
import course.mixed.support.WarmUp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)   // a wrong answer waits out a 4 s gate or an audit, then the lookups' 7 s
@DisplayName("Ex07 · Straight-line JDBC in a virtual-thread verticle: interleaving only at await()")
class Ex07_VirtualThreadVerticleTest {

    private static final int LOOKUPS = 5;

    private Vertx vertx;
    private ProfilesDb db;
    private WebClient client;
    private Ex07_VirtualThreadVerticle verticle;

    @BeforeAll
    static void warmUp() throws Exception {
        WarmUp.vertxHttpAndJdbc();
    }

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        db = new ProfilesDb();
        client = WebClient.create(vertx);
        verticle = new Ex07_VirtualThreadVerticle(db.watchedUrl());
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        db.close();
        // Closing Vert.x undeploys the verticle; a handler stuck in join()/get() would keep it from ever finishing.
        Throwable stuck = catchThrowable(() -> vertx.close().await(5, TimeUnit.SECONDS));
        assertThat(stuck)
            .as("Ex07: Vert.x could not close within 5 s (%s): a handler is still blocked. In a virtual-thread verticle, "
                + "join()/get() on a future whose result must come back to this verticle never returns; await() does", stuck)
            .isNull();
    }

    @Tag("contract:values")
    @Tag("contract:placement")
    @Test
    @DisplayName("a lookup is answered with the name by a virtual thread, only after the audit has replied")
    void answersFromAVirtualThreadAfterTheAudit() throws Exception {
        List<Message<Integer>> audits = new CopyOnWriteArrayList<>();
        vertx.eventBus().<Integer>consumer(Ex07_VirtualThreadVerticle.AUDIT_ADDRESS, audits::add);   // replies when the test says
        deploy();

        HttpResponse<Buffer> ada = lookupAnsweredAfterItsAudit(1, audits);
        HttpResponse<Buffer> nobody = lookupAnsweredAfterItsAudit(99, audits);

        assertThat(ada.statusCode())
            .as("Ex07: GET /profile?id=1 answered %d (%s)", ada.statusCode(), ada.bodyAsString())
            .isEqualTo(200);
        assertThat(ada.bodyAsJsonObject().getString("name")).as("Ex07: profile 1 is Ada").isEqualTo("Ada");
        assertThat(ada.bodyAsJsonObject().getString("servedBy"))
            .as("Ex07: the handler should run on a virtual thread (vert.x-virtual-thread-N), but ran on %s: the verticle's "
                + "threading model decides which thread runs its handlers", ada.bodyAsJsonObject().getString("servedBy"))
            .startsWith("vert.x-virtual-thread");
        assertThat(nobody.statusCode()).as("Ex07: there is no profile 99: answer 404").isEqualTo(404);
        assertThat(audits.stream().map(Message::body).toList())
            .as("Ex07: each lookup should be recorded on AUDIT_ADDRESS, once").containsExactly(1, 99);
    }

    @Tag("contract:concurrency")
    @Test
    @DisplayName("while one lookup awaits its audit, the verticle serves the next: five lookups overlap")
    void awaitLetsOtherLookupsIn() throws Exception {
        // The audit service answers only once all five audits are waiting at the same time.
        List<Message<Integer>> waiting = new ArrayList<>();   // touched only on the consumer's event loop
        vertx.eventBus().<Integer>consumer(Ex07_VirtualThreadVerticle.AUDIT_ADDRESS, audit -> {
            waiting.add(audit);
            if (waiting.size() == LOOKUPS) {
                waiting.forEach(m -> m.reply("recorded"));
                waiting.clear();
            }
        });

        deploy();
        AtomicReference<List<String>> names = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> names.set(lookupAll()));

        assertThat(failure)
            .as("Ex07: the %d lookups should all be waiting for their audit at the same time, but got: %s. await() "
                + "suspends only this handler and lets the verticle take the next request; join() or get() hold the "
                + "verticle, so the next request never starts", LOOKUPS, failure)
            .isNull();
        assertThat(names.get()).as("Ex07: each lookup should get its own name")
            .containsExactly("Ada", "Grace", "Barbara", "Ada", "Grace");
    }

    @Tag("contract:concurrency")
    @Test
    @DisplayName("blocking JDBC does not hold the verticle: five lookups are inside the database call at once")
    void blockingJdbcDoesNotHoldTheVerticle() throws Exception {
        vertx.eventBus().<Integer>consumer(Ex07_VirtualThreadVerticle.AUDIT_ADDRESS, audit -> audit.reply("recorded"));
        // Each connect waits (up to 4 s) until all five lookups are connecting at the same time.
        db.holdConnectsUntil(LOOKUPS);

        deploy();
        AtomicReference<List<String>> names = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> names.set(lookupAll()));

        assertThat(failure)
            .as("Ex07: %s", db.peakConnecting() < LOOKUPS
                ? "the " + LOOKUPS + " lookups should all be inside the blocking JDBC call at the same time (each connect "
                    + "waits up to 4 s for the others), but at most " + db.peakConnecting() + " were (got: " + failure + "). "
                    + "A virtual-thread verticle still handles one event at a time: a blocking call parks its virtual "
                    + "thread, yet the verticle takes its next request only when this handler returns or reaches an "
                    + "await(). Turn the blocking call into something you can await (and remember that one context's "
                    + "blocking jobs queue behind each other unless you say they are independent)"
                : "all " + LOOKUPS + " lookups got through the database call together, but they did not all finish ("
                    + failure + "): after it, the handler waits in a way that holds the verticle (join()/get()), where "
                    + "await() would let the others go on")
            .isNull();
        assertThat(names.get()).as("Ex07: each lookup should get its own name")
            .containsExactly("Ada", "Grace", "Barbara", "Ada", "Grace");
    }

    @Test
    @Tag("contract:errors")
    @DisplayName("a lookup whose audit fails is answered 500, not left waiting, and not answered as if recorded")
    void aFailedAuditAnswers500() throws Exception {
        vertx.eventBus().<Integer>consumer(Ex07_VirtualThreadVerticle.AUDIT_ADDRESS, audit -> audit.fail(503, "audit service down"));
        deploy();

        AtomicReference<HttpResponse<Buffer>> answer = new AtomicReference<>();
        Throwable noAnswer = catchThrowable(() -> answer.set(client.get(verticle.port(), "127.0.0.1", "/profile")
            .addQueryParam("id", "1").send().await(5, TimeUnit.SECONDS)));
        assertThat(noAnswer)
            .as("Ex07: the audit failed and GET /profile?id=1 got no answer within 5 s (%s): await() threw the audit's "
                + "failure out of the handler, where nobody answers the request. Hint: catch what await() throws and "
                + "answer 500", noAnswer)
            .isNull();
        assertThat(answer.get().statusCode())
            .as("Ex07: the audit failed, so the lookup was not recorded and should answer 500, not %d (%s): an answer "
                + "that hides the failure says a lookup was audited when it was not", answer.get().statusCode(),
                answer.get().bodyAsString())
            .isEqualTo(500);
    }

    private void deploy() {
        Throwable failure = catchThrowable(() -> Ex07_VirtualThreadVerticle.deploy(vertx, verticle).await(5, TimeUnit.SECONDS));
        assertThat(failure)
            .as("Ex07: the verticle did not deploy (%s). Its start() awaits the server's listen(), and await() suspends "
                + "only a virtual thread (on an event loop or a worker thread it throws): the verticle must run its code "
                + "on virtual threads", failure)
            .isNull();
    }

    /** GETs /profile?id=N, checks it is not answered while its audit waits for a reply, then replies to the audit. */
    private HttpResponse<Buffer> lookupAnsweredAfterItsAudit(int id, List<Message<Integer>> audits) throws Exception {
        int auditsBefore = audits.size();
        Future<HttpResponse<Buffer>> response = lookup(id);
        Throwable noAudit = catchThrowable(() -> await().atMost(Duration.ofSeconds(4)).until(() -> audits.size() > auditsBefore));
        assertThat(noAudit)
            .as("Ex07: GET /profile?id=%d sent no audit request to AUDIT_ADDRESS within 4 s (the response: %s)", id,
                response.isComplete() ? response.result().statusCode() + " " + response.result().bodyAsString() : "none yet")
            .isNull();
        Thread.sleep(200);   // the audit has not replied: the lookup must still be waiting for it
        assertThat(response.isComplete())
            .as("Ex07: GET /profile?id=%d was answered while its audit request was still waiting for a reply. The "
                + "lookup is recorded only once the audit replies: wait for the reply before you respond", id)
            .isFalse();
        audits.get(auditsBefore).reply("recorded");

        AtomicReference<HttpResponse<Buffer>> answer = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> answer.set(response.await(4, TimeUnit.SECONDS)));
        assertThat(failure)
            .as("Ex07: no answer to GET /profile?id=%d within 4 s after its audit replied (%s). A handler blocked in "
                + "join()/get() waits for a reply that must come back through this same verticle", id, failure)
            .isNull();
        return answer.get();
    }

    /** LOOKUPS lookups at once (ids 1, 2, 3, 1, 2); the names, in order. */
    private List<String> lookupAll() throws Exception {
        return Future.all(IntStream.range(0, LOOKUPS)
                .mapToObj(i -> lookup(1 + i % 3).map(r -> r.bodyAsJsonObject().getString("name")))
                .toList())
            .await(7, TimeUnit.SECONDS).list();
    }

    private Future<HttpResponse<Buffer>> lookup(int id) {
        return client.get(verticle.port(), "127.0.0.1", "/profile?id=" + id).send();
    }
}
