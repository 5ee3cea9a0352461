// Wrong: calls run() instead of start(): the empty task runs on the caller and no thread is ever started
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
        for (int i = 0; i < n; i++) {
            Thread thread = factory.newThread(() -> { });
            thread.run();
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

