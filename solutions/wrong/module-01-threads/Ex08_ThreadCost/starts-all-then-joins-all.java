// Wrong: starts all n threads, then joins them all: it times n threads at once, not n start+join round trips
// Caught by: startsAndJoinsNThreadsOneAtATime
package course.threads;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.apache.commons.lang3.time.StopWatch;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

public final class Ex08_ThreadCost {

    private Ex08_ThreadCost() {
    }

    public record StartCost(int threads, Duration total) {
        public Duration perThread() {
            return total.dividedBy(threads);
        }
    }

    public static StartCost measureStartAndJoin(int n, ThreadFactory factory) throws InterruptedException {
        StopWatch watch = StopWatch.createStarted();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread thread = factory.newThread(() -> { });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        watch.stop();
        return new StartCost(n, watch.getDuration());
    }
    public static long defaultStackSizeBytes() {
        String kib = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .getVMOption("ThreadStackSize")
            .getValue();
        return Long.parseLong(kib) * 1024;
    }
}

