package course.threads;

import course.threads.support.Rendezvous;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Ex01 · Start a thread, join it, get its result back")
class Ex01_StartAndJoinTest {

    @Test
    @DisplayName("the value the thread computed comes back to the caller")
    void returnsTheResult() throws Exception {
        String result = Ex01_StartAndJoin.computeOnNewThread(() -> "forty-" + (40 + 2));

        assertThat(result)
            .as("Ex01: return what work.get() produced on the other thread. Hint: store it in a holder, join(), then read the holder")
            .isEqualTo("forty-42");
    }

    @Test
    @DisplayName("the work runs on a new platform thread, which has ended when the call returns")
    void runsOnAnotherThread() throws Exception {
        Thread worker = Ex01_StartAndJoin.computeOnNewThread(Thread::currentThread);

        assertThat(worker)
            .as("Ex01: work.get() should run on the thread you started. Hint: Thread.ofPlatform().start(() -> ...)")
            .isNotSameAs(Thread.currentThread());
        assertThat(worker.isVirtual())
            .as("Ex01: this exercise is about platform (OS) threads; virtual threads come in Ex09. Hint: Thread.ofPlatform()")
            .isFalse();
        assertThat(worker.isAlive())
            .as("Ex01: return only after the thread has finished. Hint: call join() before reading the result")
            .isFalse();
    }

    @Test
    @DisplayName("several threads all run at the same time and their results come back in order")
    void startsAllBeforeJoiningAny() throws Exception {
        int count = 4;
        Rendezvous allRunning = new Rendezvous(count);
        List<Supplier<String>> works = IntStream.range(0, count)
            .<Supplier<String>>mapToObj(i -> () -> allRunning.arrive() ? "result " + i : "ran alone " + i)
            .toList();

        List<String> results = Ex01_StartAndJoin.computeOnNewThreads(works);

        assertThat(allRunning.allMet())
            .as("Ex01: the %d threads should all be running at once (%s). Hint: start every thread in one loop, join them in a second loop", count, allRunning)
            .isTrue();
        assertThat(results)
            .as("Ex01: one result per work, in the order of the input list. Hint: give each thread its own slot, indexed like the input")
            .containsExactly("result 0", "result 1", "result 2", "result 3");
    }
}
