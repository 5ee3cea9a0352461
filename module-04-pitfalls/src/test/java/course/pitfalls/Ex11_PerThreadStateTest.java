package course.pitfalls;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import course.pitfalls.Ex11_PerThreadState.PriceFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex11 · Per-thread state on virtual threads")
class Ex11_PerThreadStateTest {

    private static final PriceFormat EUROS = cents -> String.format("%d.%02d EUR", cents / 100, cents % 100);
    private static final ToLongFunction<String> PRICE_LIST = sku -> 100L + sku.length();

    @Test
    @Tag("contract:values")
    @Tag("contract:state")
    @DisplayName("the expensive price format is built once and shared by every request and every lookup")
    void theFormatIsBuiltOnce() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        var service = new Ex11_PerThreadState(() -> {
            builds.incrementAndGet();
            return EUROS;
        }, PRICE_LIST);
        int callers = 4, requestsEach = 5, skusEach = 5;
        List<String> skus = IntStream.range(0, skusEach).mapToObj(i -> "sku-" + i).toList();

        // Four request threads, reused for five requests each, like a server's pool.
        try (ExecutorService requestThreads = Executors.newFixedThreadPool(callers)) {
            List<Future<List<String>>> quotes = IntStream.range(0, callers * requestsEach)
                .mapToObj(r -> requestThreads.submit(() -> service.quote("user-" + r, skus)))
                .toList();
            for (Future<List<String>> quote : quotes) {
                assertThat(quote.get(5, SECONDS)).as("Ex11: every sku gets its line, in order").hasSize(skusEach)
                    .first().isEqualTo("sku-0: 1.05 EUR");
            }
        }

        int requests = callers * requestsEach;
        String why = builds.get() >= requests * skusEach
            ? "once per lookup: a cache per thread never hits on virtual threads, because each task gets a new thread"
            : builds.get() == requests ? "once per request: every request pays for it again"
            : builds.get() == 0 ? "never: it used a format built before this service was made (kept in a static field?)"
            : "more than once";
        assertThat(builds.get())
            .as("Ex11: %d requests of %d skus built the price format %d times, %s. It is thread-safe: build one and "
                + "share it, instead of keeping one per thread", requests, skusEach, builds.get(), why)
            .isEqualTo(1);
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:concurrency")
    @Timeout(value = 30, unit = SECONDS)
    @DisplayName("every price lookup sees the user of its own request, while requests run at the same time")
    void everyLookupSeesItsOwnRequestsUser() throws Exception {
        int users = 6, skusEach = 3;
        int lookups = users * skusEach;
        // Every lookup waits until the test lets them go: once all of them are in flight (so all the requests overlap,
        // by construction), or after 5 s when they never all are (lookups that do not run in parallel).
        CountDownLatch allInFlight = new CountDownLatch(lookups);
        CountDownLatch release = new CountDownLatch(1);
        Map<String, Optional<String>> seenBySku = new ConcurrentHashMap<>();
        var service = new Ex11_PerThreadState(() -> EUROS, sku -> {
            allInFlight.countDown();
            awaitQuietly(release, 20);
            seenBySku.put(sku, Ex11_PerThreadState.currentUser()); // what an audit line would record
            return 100;
        });

        try (ExecutorService requestThreads = Executors.newFixedThreadPool(users)) {
            List<Future<List<String>>> quotes = IntStream.range(0, users)
                .mapToObj(u -> requestThreads.submit(() -> service.quote("user-" + u,
                    IntStream.range(0, skusEach).mapToObj(s -> "user-" + u + "/sku-" + s).toList())))
                .toList();
            try {
                allInFlight.await(5, SECONDS);
            } finally {
                release.countDown();
            }
            for (Future<List<String>> quote : quotes) {
                quote.get(8, SECONDS);
            }
        }

        assertThat(allInFlight.getCount())
            .as("Ex11: the %d lookups were never all in flight at once: the requests, or their lookups, do not run in "
                + "parallel. Hint: one virtual thread per sku, and quote() runs on its caller's thread", lookups)
            .isZero();
        assertThat(seenBySku).as("Ex11: every sku was looked up").hasSize(lookups);
        List<String> sawAnotherUser = seenBySku.entrySet().stream()
            .filter(e -> e.getValue().isPresent() && !e.getValue().get().equals(owner(e.getKey())))
            .map(e -> e.getKey() + " saw " + e.getValue().get()).sorted().toList();
        assertThat(sawAnotherUser)
            .as("Ex11: %d lookups forked by one request saw another request's user (%s...): requests that run at the same "
                + "time overwrite one shared field. Hint: a value bound per request, not a field",
                sawAnotherUser.size(), sawAnotherUser.stream().limit(3).toList())
            .isEmpty();
        List<String> sawNoUser = seenBySku.entrySet().stream()
            .filter(e -> e.getValue().isEmpty()).map(e -> e.getKey()).sorted().toList();
        assertThat(sawNoUser)
            .as("Ex11: %d of %d lookups (%s...), forked by their requests, saw no user. A ThreadLocal stays on the thread "
                + "that set it, and a ScopedValue binding is inherited only by StructuredTaskScope forks (a preview API in "
                + "Java 25), not by a thread an executor starts. Hint: hand each fork the user and bind it there",
                sawNoUser.size(), lookups, sawNoUser.stream().limit(3).toList())
            .isEmpty();
    }

    @Test
    @Tag("contract:state")
    @DisplayName("two services side by side, with two formats: each builds its own once and quotes in it")
    void twoServicesKeepTheirOwnFormat() throws Exception {
        PriceFormat dollars = cents -> String.format("$%d.%02d", cents / 100, cents % 100);
        AtomicInteger euroBuilds = new AtomicInteger();
        AtomicInteger dollarBuilds = new AtomicInteger();
        var inEuros = new Ex11_PerThreadState(() -> {
            euroBuilds.incrementAndGet();
            return EUROS;
        }, PRICE_LIST);
        var inDollars = new Ex11_PerThreadState(() -> {
            dollarBuilds.incrementAndGet();
            return dollars;
        }, PRICE_LIST);
        List<String> skus = List.of("sku-1", "sku-2", "sku-3");

        List<String> euros = inEuros.quote("ann", skus);
        List<String> inUsd = inDollars.quote("bob", skus);
        List<String> eurosAgain = inEuros.quote("cid", skus);

        assertThat(List.of(euros.getFirst(), inUsd.getFirst(), eurosAgain.getFirst()))
            .as("Ex11: a service made with a euro format and one made with a dollar format, side by side, quoted %s, %s and "
                + "%s: one format serves both, so the format is kept for the whole JVM (a static field, built by the first "
                + "service made) rather than per service. Hint: build it in the constructor into a final instance field",
                euros.getFirst(), inUsd.getFirst(), eurosAgain.getFirst())
            .containsExactly("sku-1: 1.05 EUR", "sku-1: $1.05", "sku-1: 1.05 EUR");
        assertThat(List.of(euroBuilds.get(), dollarBuilds.get()))
            .as("Ex11: each service should build its format exactly once (euro, dollar), not %d and %d times",
                euroBuilds.get(), dollarBuilds.get())
            .containsExactly(1, 1);
    }

    private static String owner(String sku) {
        return sku.substring(0, sku.indexOf('/'));
    }

    @Test
    @Tag("contract:placement")
    @Tag("contract:state")
    @DisplayName("the user stays inside its request: not on the request thread afterwards, not in a library's pool thread")
    void theUserStaysInsideItsRequest() throws Exception {
        // A library with a pool of its own (think: a metrics or JDBC pool). Its thread is started lazily,
        // by the first lookup that uses it, so it is created inside ann's request.
        Map<String, Optional<String>> seenByLibrary = new ConcurrentHashMap<>();
        try (ExecutorService library = Executors.newSingleThreadExecutor()) {
            var service = new Ex11_PerThreadState(() -> EUROS, sku -> {
                String forRequest = sku.substring(0, sku.indexOf('/'));
                try {
                    library.submit(() -> seenByLibrary.put(forRequest, Ex11_PerThreadState.currentUser())).get(5, SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return 100;
            });

            // One request thread serves ann, then bob.
            try (ExecutorService requestThread = Executors.newSingleThreadExecutor()) {
                Optional<String> afterAnn = requestThread.submit(() -> {
                    service.quote("ann", List.of("ann/sku-1"));
                    return Ex11_PerThreadState.currentUser();
                }).get(5, SECONDS);
                assertThat(afterAnn)
                    .as("Ex11: ann's request is over, but its thread still says the current user is %s: the next request "
                        + "on this thread starts as ann. A value set on a thread stays until someone removes it. "
                        + "Hint: bind the user for the request's work only, so it ends with it", afterAnn.orElse(null))
                    .isEmpty();
                requestThread.submit(() -> service.quote("bob", List.of("bob/sku-1"))).get(5, SECONDS);
            }
        }

        Optional<String> duringAnn = seenByLibrary.get("ann");
        Optional<String> duringBob = seenByLibrary.get("bob");
        String why = duringBob.equals(Optional.of("ann"))
            ? "an InheritableThreadLocal is copied into each thread the request's thread creates (here, the library's pool "
                + "thread, created during ann's request), and pool threads outlive the request: it still says ann while "
                + "serving bob"
            : duringBob.equals(Optional.of("bob"))
                ? "a value every thread can read (a static field?) reaches threads nobody gave it to"
                : "an InheritableThreadLocal is copied into each thread the request's thread creates, pool threads included";
        assertThat(List.of(duringAnn, duringBob))
            .as("Ex11: a library's pool thread that nobody gave the user to says the current user is %s during ann's "
                + "request and %s during bob's: %s. Hint: give the user only to the forks you start, and bind it only there",
                duringAnn.orElse("nobody"), duringBob.orElse("nobody"), why)
            .containsOnly(Optional.empty());
    }

    private static void awaitQuietly(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
