package course.pitfalls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("Ex14 · A stuck service, read from a thread dump of its virtual threads")
@Timeout(30)
class Ex14_StuckServiceDumpTest {

    /**
     * A stuck service: requests on virtual threads parked on three resources (two locks of one
     * class, one semaphore), some started directly and some by an executor (a container of its
     * own in the dump), and a crowd of platform threads parked on a latch, which are not requests.
     */
    static final class StuckService implements AutoCloseable {
        final ReentrantLock shelf = new ReentrantLock();
        final ReentrantLock till = new ReentrantLock();
        final Semaphore payments = new Semaphore(0);
        final CountDownLatch batch = new CountDownLatch(1);
        final List<Thread> threads = new ArrayList<>();
        final List<ExecutorService> executors = new ArrayList<>();
        /** Virtual threads that sleep: requests too, but parked on no resource (the dump gives them no parkBlocker). */
        final List<Thread> sleepers = new ArrayList<>();
        /** How many threads the scene starts: allParked() waits for them all. */
        int expected;

        /** Runs on the test's thread, which holds both locks until close(). */
        StuckService() {
            shelf.lock();
            till.lock();
        }

        /** {@code direct} requests started with Thread.ofVirtual, {@code pooled} by a virtual-thread-per-task executor. */
        void waitOn(Runnable wait, String name, int direct, int pooled) {
            for (int i = 1; i <= direct; i++) threads.add(Thread.ofVirtual().name(name + "-" + i).start(wait));
            if (pooled == 0) return;
            ThreadFactory virtual = Thread.ofVirtual().name(name + "-", direct + 1).factory();
            ExecutorService executor = Executors.newThreadPerTaskExecutor(r -> {
                Thread t = virtual.newThread(r);
                synchronized (threads) {
                    threads.add(t);
                }
                return t;
            });
            executors.add(executor);
            for (int i = 0; i < pooled; i++) executor.execute(wait);
        }

        void platformWaiters(int n) {
            for (int i = 1; i <= n; i++) {
                threads.add(Thread.ofPlatform().daemon().name("batch-" + i).start(() -> {
                    try {
                        batch.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
        }

        void sleepers(int n) {
            for (int i = 1; i <= n; i++) {
                sleepers.add(Thread.ofVirtual().name("sleep-" + i).start(() -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
        }

        Runnable lockShelf() {
            return () -> { shelf.lock(); shelf.unlock(); };
        }

        Runnable lockTill() {
            return () -> { till.lock(); till.unlock(); };
        }

        Runnable pay() {
            return () -> {
                payments.acquireUninterruptibly();
                payments.release();
            };
        }

        /** Waits until every thread of the service is parked. */
        void allParked() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                List<Thread> all;
                synchronized (threads) {
                    all = List.copyOf(threads);
                }
                if (all.size() == expected && all.stream().allMatch(t -> t.getState() == Thread.State.WAITING && LockSupport.getBlocker(t) != null)
                        && sleepers.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING)) {
                    return;
                }
                if (System.nanoTime() > deadline) throw new AssertionError("Ex14: the test's stuck service did not get stuck within 10 s");
                Thread.sleep(5);
            }
        }

        String resourceOf(String threadName) {
            synchronized (threads) {
                return threads.stream().filter(t -> t.getName().equals(threadName)).findFirst()
                        .map(t -> Objects.toIdentityString(LockSupport.getBlocker(t))).orElseThrow();
            }
        }

        @Override
        public void close() throws InterruptedException {
            shelf.unlock();
            till.unlock();
            payments.release();
            batch.countDown();
            for (ExecutorService e : executors) e.close();
            for (Thread t : sleepers) t.interrupt();
            List<Thread> all;
            synchronized (threads) {
                all = List.copyOf(threads);
            }
            for (Thread t : all) t.join(5_000);
            for (Thread t : sleepers) t.join(5_000);
        }
    }

    static List<String> names(String prefix, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> prefix + "-" + i).sorted().toList();
    }

    @Test
    @Tag("contract:values")
    @DisplayName("finds the requests parked on one resource: virtual threads, started directly or by an executor, one lock object (not one lock class)")
    void findsTheRequestsParkedOnOneResource() throws Exception {
        try (StuckService service = new StuckService()) {
            service.waitOn(service.lockShelf(), "order", 3, 4);   // 7 requests wait for the shelf lock
            service.waitOn(service.pay(), "payment", 5, 0);       // 5 for a payment permit
            service.waitOn(service.lockTill(), "refund", 0, 3);   // 3 for another lock of the same class as the shelf
            service.platformWaiters(9);                           // not requests: platform threads of a batch job
            service.sleepers(2);                                  // requests parked on nothing: they sleep
            service.expected = 7 + 5 + 3 + 9;
            service.allParked();

            Ex14_StuckServiceDump.Stuck stuck = dump("the first dump");

            check(stuck, names("order", 7), service.resourceOf("order-1"), "7 requests wait for the shelf lock (3 started directly, 4 by an executor)");
        }
    }

    @Test
    @Tag("contract:state")
    @DisplayName("two dumps in one JVM, of two different stuck services, each finds its own resource")
    void twoDumpsFindEachItsOwnResource() throws Exception {
        try (StuckService service = new StuckService()) {
            service.waitOn(service.lockShelf(), "order", 0, 4);
            service.waitOn(service.pay(), "payment", 2, 4);
            service.expected = 4 + 6;
            service.allParked();
            check(dump("the first of two dumps"), names("payment", 6), service.resourceOf("payment-1"),
                    "6 requests wait for a payment permit (2 started directly, 4 by an executor)");
        }
        try (StuckService service = new StuckService()) {
            service.waitOn(service.lockTill(), "refund", 5, 0);
            service.waitOn(service.lockShelf(), "order", 2, 0);
            service.expected = 5 + 2;
            service.allParked();
            check(dump("the second of two dumps"), names("refund", 5), service.resourceOf("refund-1"),
                    "the second dump: 5 requests wait for the till lock");
        }
    }

    private static Ex14_StuckServiceDump.Stuck dump(String which) {
        try {
            return Ex14_StuckServiceDump.mostWaitedFor();
        } catch (NullPointerException e) {
            throw new AssertionError("Ex14: " + which + " failed with " + e + ". Not every virtual thread in a dump is parked on "
                    + "something: one that sleeps (here sleep-1 and sleep-2) or runs has no parkBlocker. Hint: skip a thread "
                    + "whose parkBlocker is missing, as you skip platform threads", e);
        } catch (java.io.IOException | RuntimeException e) {
            throw new AssertionError("Ex14: " + which + " failed with " + e + ". dumpThreads refuses a file that already exists "
                    + "and wants an absolute path. Hint: a fresh file each time (Files.createTempDirectory), deleted afterwards", e);
        }
    }

    private static void check(Ex14_StuckServiceDump.Stuck stuck, List<String> expected, String resource, String scene) {
        assertThat(stuck).as("Ex14: mostWaitedFor() returned null").isNotNull();
        List<String> found = stuck.threads() == null ? List.of() : stuck.threads();
        if (found.isEmpty()) {
            throw new AssertionError("Ex14: found no request parked, but " + scene + ". Thread.getAllStackTraces() and the classic "
                    + "jstack dump list platform threads only: virtual threads are not in them. Hint: "
                    + "HotSpotDiagnosticMXBean.dumpThreads(file, ThreadDumpFormat.JSON) dumps every thread, virtual ones too");
        }
        if (found.stream().anyMatch(n -> n.startsWith("batch-"))) {
            throw new AssertionError("Ex14: found " + found + ", but " + scene + ": the batch-N threads are platform threads of a batch "
                    + "job, not requests. Hint: each thread in the dump says \"virtual\": true when it is one");
        }
        if (found.size() < expected.size() && expected.containsAll(found)) {
            throw new AssertionError("Ex14: found " + found.size() + " of the " + expected.size() + " requests (" + found + "), but " + scene
                    + ". The dump groups threads by the container that started them: the root for threads started directly, one "
                    + "container per executor. Hint: read the threads of every entry of threadContainers");
        }
        if (!found.equals(expected) && found.stream().anyMatch(n -> !expected.contains(n)) && found.size() > expected.size()) {
            throw new AssertionError("Ex14: found " + found + ", but " + scene + ": two different locks are two resources, even of "
                    + "one class. Hint: group by the parkBlocker's object (Class@hash names one object), not by its class or method");
        }
        assertThat(found).as("Ex14: expected the names of the requests parked on the resource most of them wait for (%s), sorted. "
                + "Hint: read every entry of threadContainers (an executor's threads are in a container of their own, "
                + "the root holds those started directly)", scene)
                .isEqualTo(expected);
        assertThat(stuck.resource()).as("Ex14: the resource should be the object they are parked on, as the dump names it "
                + "(parkBlocker.object, Class@hash), the same for all of them").isEqualTo(resource);
    }
}
