package course.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The timeline on a small recording made here, with the runner's own recording (TimelineRecording). */
@Timeout(60)
class TimelineTest {

    static final Object MONITOR = new Object();

    /** Blocks in its class initializer: a virtual thread that initializes it is pinned (JEP 491 leaves this case, JDK 25). */
    static final class SlowInit {
        static {
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static void touch() {}
    }

    @Test
    void aRecordingReadsAsLanesSpansAndTestsAndDrawsAPage(@TempDir Path dir) throws Exception {
        Path jfr = dir.resolve("t.jfr");
        System.setProperty("course.timeline", jfr.toString());
        TimelineRecording recording;
        try {
            recording = TimelineRecording.startIfAsked();
        } finally {
            System.clearProperty("course.timeline");
        }
        assertThat(recording).isNotNull();

        TimelineRecording.TestMethod test = new TimelineRecording.TestMethod();
        test.testClass = "course.x.Ex01_DemoTest";
        test.test = "sleepsParksBlocksAndPins";
        test.begin();
        Thread sleeper = Thread.ofPlatform().name("vert.x-eventloop-thread-7").start(() -> sleep(150));
        Thread parker = Thread.ofPlatform().name("RxComputationThreadPool-1").start(() -> LockSupport.parkNanos(80_000_000L));
        CountDownLatch held = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Thread> waiter = new java.util.concurrent.atomic.AtomicReference<>();
        Thread holder = Thread.ofPlatform().name("holder").start(() -> {
            synchronized (MONITOR) {
                held.countDown();
                // Holds the monitor until the other thread is seen blocked on it: contention by construction.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while ((waiter.get() == null || waiter.get().getState() != Thread.State.BLOCKED) && System.nanoTime() < deadline) {
                    sleep(1);
                }
                sleep(10);
            }
        });
        held.await(5, TimeUnit.SECONDS);
        Thread blocked = Thread.ofPlatform().name("blocked").unstarted(() -> {
            synchronized (MONITOR) {
                MONITOR.notifyAll();
            }
        });
        waiter.set(blocked);
        blocked.start();
        Thread pinned = Thread.ofVirtual().name("pinned-one").start(SlowInit::touch);
        for (Thread t : List.of(sleeper, parker, holder, blocked, pinned)) t.join();
        test.status = "FAILED";
        test.commit();
        recording.dump();

        TimelineData data = TimelineData.read(jfr, "");
        assertThat(data.tests()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("sleepsParksBlocksAndPins");
            assertThat(t.status()).isEqualTo("FAILED");
        });
        assertThat(kinds(data, "vert.x-eventloop-thread-7")).contains(TimelineData.Kind.SLEEPING);
        assertThat(kinds(data, "RxComputationThreadPool-1")).contains(TimelineData.Kind.PARKED);
        assertThat(kinds(data, "blocked")).contains(TimelineData.Kind.BLOCKED);
        assertThat(kinds(data, "pinned-one")).contains(TimelineData.Kind.PINNED);
        assertThat(lane(data, "vert.x-eventloop-thread-7").group()).isEqualTo(TimelineData.Group.EVENT_LOOPS);
        assertThat(lane(data, "RxComputationThreadPool-1").group()).isEqualTo(TimelineData.Group.WORKERS);
        assertThat(lane(data, "pinned-one").group()).isEqualTo(TimelineData.Group.VIRTUAL);
        assertThat(lane(data, "pinned-one").spans).filteredOn(s -> s.kind() == TimelineData.Kind.PINNED)
                .anySatisfy(s -> assertThat(s.detail()).contains("SlowInit.<clinit>"));
        // Pinning comes first in the headline: it is what a learner cannot see any other way.
        assertThat(data.headline()).startsWith("1 virtual thread was pinned").contains("SlowInit.<clinit>");

        String html = TimelinePage.html("module-01-threads · Ex01_Demo", data);
        assertThat(html).contains("vert.x-eventloop-thread-7", "event loops", "virtual threads", "class=\"k-SLEEPING\"",
                "class=\"k-PINNED\"", "class=\"t-FAILED\"", "prefers-color-scheme: dark", "sleepsParksBlocksAndPins");
        assertThat(html).doesNotContain("<script");
        String svg = TimelinePage.standalone(List.of(new Timeline.Drawn("a", data), new Timeline.Drawn("b", data)));
        assertThat(svg).startsWith("<svg").contains("<style>", "prefers-color-scheme");
        Files.writeString(dir.resolve("t.html"), html);
    }

    @Test
    void anEventLoopBusyInOneStretchIsTheHeadline() {
        TimelineData.Lane loop = new TimelineData.Lane(1, "vert.x-eventloop-thread-0", false);
        long ms = 1_000_000L;
        loop.spans.add(new TimelineData.Span(TimelineData.Kind.RUNNING, 0, 30 * ms, ""));
        loop.spans.add(new TimelineData.Span(TimelineData.Kind.SLEEPING, 30 * ms, 442 * ms, "Thread.sleep"));
        TimelineData d = new TimelineData(List.of(loop), List.of(), 0, 500 * ms, 0);
        assertThat(d.headline()).isEqualTo("the event loop vert.x-eventloop-thread-0 was busy 442 ms in one stretch (sleeping, Thread.sleep):"
                + " every timer and request on that loop waited that long");
    }

    @Test
    void aWorkersTasksAreTheGapsBetweenItsWaitsForWork() {
        List<TimelineData.Span> waits = List.of(new TimelineData.Span(TimelineData.Kind.PARKED, 10, 20, ""), new TimelineData.Span(TimelineData.Kind.PARKED, 50, 60, ""));
        assertThat(TimelineData.tasks(waits, 0, 100)).extracting(TimelineData.Span::start, TimelineData.Span::end)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 10L), org.assertj.core.groups.Tuple.tuple(20L, 50L),
                        org.assertj.core.groups.Tuple.tuple(60L, 100L));
        assertThat(TimelinePage.niceStep(1_700_000)).isEqualTo(2_000_000);
        assertThat(TimelinePage.fit("aVeryLongTestName", 60)).hasSizeLessThanOrEqualTo(9).endsWith("…");
    }

    private static List<TimelineData.Kind> kinds(TimelineData d, String name) {
        return lane(d, name).spans.stream().map(TimelineData.Span::kind).toList();
    }

    private static TimelineData.Lane lane(TimelineData d, String name) {
        return d.lanes().stream().filter(l -> l.name.equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no lane " + name + " in " + d.lanes().stream().map(l -> l.name).toList()));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
