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
import io.vertx.junit5.VertxExtension;
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
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Ex07 · The same JDBC, straight-line, in a virtual-thread verticle")
class Ex07_VirtualThreadVerticleTest {

    private ProfilesDb db;
    private WebClient client;
    private Ex07_VirtualThreadVerticle verticle;

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        db = new ProfilesDb();
        client = WebClient.create(vertx);
        verticle = new Ex07_VirtualThreadVerticle(db.url());
    }

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        db.close();   // the verticle and its server go when the extension closes Vert.x
    }

    @Test
    @DisplayName("a lookup is answered with the name, after the audit, by a virtual thread")
    void answersFromAVirtualThread(Vertx vertx) throws Exception {
        List<Integer> audited = new CopyOnWriteArrayList<>();
        vertx.eventBus().<Integer>consumer(Ex07_VirtualThreadVerticle.AUDIT_ADDRESS, audit -> {
            audited.add(audit.body());
            vertx.setTimer(20, id -> audit.reply("recorded"));   // the audit service takes a moment
        });

        Ex07_VirtualThreadVerticle.deploy(vertx, verticle).await(2, TimeUnit.SECONDS);
        HttpResponse<Buffer> ada = lookup(1).await(2, TimeUnit.SECONDS);
        HttpResponse<Buffer> nobody = lookup(99).await(2, TimeUnit.SECONDS);

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
    void awaitLetsOtherLookupsIn(Vertx vertx) throws Exception {
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

        Ex07_VirtualThreadVerticle.deploy(vertx, verticle).await(2, TimeUnit.SECONDS);
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

    private Future<HttpResponse<Buffer>> lookup(int id) {
        return client.get(verticle.port(), "127.0.0.1", "/profile?id=" + id).send();
    }
}
