package course.mixed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import course.mixed.support.ProfilesDb;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Ex07 · The same JDBC, straight-line, in a virtual-thread verticle")
class Ex07_VirtualThreadVerticleTest {

    private Vertx vertx;
    private ProfilesDb db;
    private WebClient client;
    private Ex07_VirtualThreadVerticle verticle;

    @BeforeEach
    void setUp() throws Exception {
        vertx = Vertx.vertx();
        db = new ProfilesDb();
        client = WebClient.create(vertx);
        verticle = new Ex07_VirtualThreadVerticle(db.url());
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

    @Test
    @DisplayName("a lookup is answered with the name, after the audit, by a virtual thread")
    void answersFromAVirtualThread() throws Exception {
        List<Integer> audited = new CopyOnWriteArrayList<>();
        vertx.eventBus().<Integer>consumer(Ex07_VirtualThreadVerticle.AUDIT_ADDRESS, audit -> {
            audited.add(audit.body());
            vertx.setTimer(20, id -> audit.reply("recorded"));   // the audit service takes a moment
        });

        deploy();
        HttpResponse<Buffer> ada = lookupWithin2s(1);
        HttpResponse<Buffer> nobody = lookupWithin2s(99);

        assertThat(ada.statusCode())
            .as("Ex07: GET /profile?id=1 answered %d (%s). Is the verticle deployed with ThreadingModel.VIRTUAL_THREAD? "
                + "On an event loop, await() throws", ada.statusCode(), ada.bodyAsString())
            .isEqualTo(200);
        assertThat(ada.bodyAsJsonObject().getString("name")).as("Ex07: profile 1 is Ada").isEqualTo("Ada");
        assertThat(ada.bodyAsJsonObject().getString("servedBy"))
            .as("Ex07: the handler should run on a virtual thread. Hint: new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)")
            .startsWith("vert.x-virtual-thread");
        assertThat(nobody.statusCode()).as("Ex07: there is no profile 99: answer 404").isEqualTo(404);
        assertThat(audited).as("Ex07: each lookup should be recorded on AUDIT_ADDRESS before the response").containsExactly(1, 99);
    }

    @Test
    @DisplayName("while one lookup awaits its audit, the verticle serves the next: five lookups overlap")
    void awaitLetsOtherLookupsIn() throws Exception {
        int lookups = 5;
        // The audit service answers only once all five audits are waiting at the same time.
        List<Message<Integer>> waiting = new ArrayList<>();   // touched only on the consumer's event loop
        vertx.eventBus().<Integer>consumer(Ex07_VirtualThreadVerticle.AUDIT_ADDRESS, audit -> {
            waiting.add(audit);
            if (waiting.size() == lookups) {
                waiting.forEach(m -> m.reply("recorded"));
                waiting.clear();
            }
        });

        deploy();
        AtomicReference<List<String>> names = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> names.set(Future.all(IntStream.range(0, lookups)
                .mapToObj(i -> lookup(1 + i % 3).map(r -> r.bodyAsJsonObject().getString("name")))
                .toList()).await(3, TimeUnit.SECONDS).<String>list()));

        assertThat(failure)
            .as("Ex07: the %d lookups should all be waiting for their audit at the same time, but got: %s. Write the audit "
                + "call as vertx.eventBus().request(AUDIT_ADDRESS, id).await(): await() suspends only this handler, while "
                + "toCompletionStage().toCompletableFuture().join() would hold the verticle", lookups, failure)
            .isNull();
        assertThat(names.get()).as("Ex07: each lookup should get its own name")
            .containsExactly("Ada", "Grace", "Barbara", "Ada", "Grace");
    }

    private void deploy() {
        Throwable failure = catchThrowable(() -> Ex07_VirtualThreadVerticle.deploy(vertx, verticle).await(2, TimeUnit.SECONDS));
        assertThat(failure)
            .as("Ex07: the verticle did not deploy (%s). Its start() awaits the server's listen(), and await() throws on an "
                + "event loop. Hint: new DeploymentOptions().setThreadingModel(ThreadingModel.VIRTUAL_THREAD)", failure)
            .isNull();
    }

    private HttpResponse<Buffer> lookupWithin2s(int id) {
        AtomicReference<HttpResponse<Buffer>> response = new AtomicReference<>();
        Throwable failure = catchThrowable(() -> response.set(lookup(id).await(2, TimeUnit.SECONDS)));
        assertThat(failure)
            .as("Ex07: no answer to GET /profile?id=%d within 2 s (%s). A handler blocked in join()/get() waits for a "
                + "reply that must come back through this same verticle. Hint: vertx.eventBus().request(...).await()", id, failure)
            .isNull();
        return response.get();
    }

    private Future<HttpResponse<Buffer>> lookup(int id) {
        return client.get(verticle.port(), "127.0.0.1", "/profile?id=" + id).send();
    }
}
