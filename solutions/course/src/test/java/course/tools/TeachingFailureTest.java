package course.tools;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TeachingFailureTest {

    @Test
    void aTeachingMessageThatNamesTheExerciseCatches() {
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "java.lang.AssertionError", "[Ex03: a pool of 3 should make at most 3 threads] expected 3")).isTrue();
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "org.opentest4j.AssertionFailedError", "Ex03 not implemented yet")).isTrue();
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "java.lang.IllegalStateException", "see Ex03.")).isTrue();
    }

    @Test
    void anotherExerciseOrOnlyAClassNameDoesNotCatch() {
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "java.lang.AssertionError", "[Ex04: overlap] expected")).isFalse();
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "java.lang.AssertionError", "in Ex03_BoundedPoolTest.closesThePool")).isFalse();
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "java.lang.AssertionError", "see Ex03's hint")).isTrue();
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "java.lang.AssertionError", "Ex031")).isFalse();
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "java.lang.AssertionError", "")).isFalse();
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "java.lang.AssertionError", null)).isFalse();
    }

    @Test
    void bareTimeoutsNpesAndAwaitilityTimeoutsNeverCatchEvenWhenTheyNameTheExercise() {
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "java.util.concurrent.TimeoutException", "closesThePool() timed out after 10 seconds")).isFalse();
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "java.lang.NullPointerException", "Cannot invoke Ex03 ...")).isFalse();
        assertThat(TeachingFailure.by("Ex03_BoundedPool", "org.awaitility.core.ConditionTimeoutException",
                "Condition with alias 'Ex03: the pool should end' didn't complete within 5 seconds")).isFalse();
    }

    @Test
    void whyNotSaysWhatWasMissing() {
        assertThat(TeachingFailure.whyNot("Ex03_BoundedPool", "java.util.concurrent.TimeoutException", "x() timed out after 10 seconds"))
                .isEqualTo("only a bare TimeoutException: x() timed out after 10 seconds");
        assertThat(TeachingFailure.whyNot("Ex03_BoundedPool", "java.lang.AssertionError", "expected 3 but was 4"))
                .isEqualTo("a message that does not name Ex03: expected 3 but was 4");
        assertThat(TeachingFailure.whyNot("Ex03_BoundedPool", "java.lang.AssertionError", "[Ex03: fine]")).isEmpty();
    }

    @Test
    void theIdComesFromAnExerciseOrTestClassName() {
        assertThat(TeachingFailure.id("Ex03_BoundedPool")).isEqualTo("Ex03");
        assertThat(TeachingFailure.id("course.threads.Ex10_ParallelStreamsTest")).isEqualTo("Ex10");
    }
}
