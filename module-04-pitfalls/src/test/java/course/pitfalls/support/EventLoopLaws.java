package course.pitfalls.support;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import course.pitfalls.support.eventloop.KnownBad;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The laws of event-loop code, as ArchUnit rules: what javac cannot refuse, a test can.
 *
 * <p>Every class in a package named {@code ..eventloop..} runs on an event loop, so it must never
 * block the thread. Each {@link Law} pairs its rule with a known-bad fixture in
 * {@link KnownBad}: before a rule judges the learner's code it must first catch its fixture, so a
 * rule that has been weakened until it can no longer fail is caught too.
 */
public final class EventLoopLaws {

    /** A rule and the fixture class it must always flag. */
    public record Law(ArchRule rule, Class<?> knownBad) {}

    private static final String EVENT_LOOP_CODE = "..eventloop..";

    public static final Law NEVER_SLEEPS = law(
        "event-loop code never sleeps",
        "a sleeping handler holds the loop: wait with vertx.timer(...) instead",
        calls("Thread.sleep or TimeUnit.sleep",
            call -> named(call, "sleep", "java.lang.Thread", "java.util.concurrent.TimeUnit")),
        KnownBad.Sleeps.class);

    public static final Law NEVER_WAITS_FOR_A_RESULT = law(
        "event-loop code never waits for a result",
        "waiting holds the loop, and when the loop itself must deliver the result it is a deadlock: compose the futures",
        calls("Future.get, CompletableFuture.join, CountDownLatch/CyclicBarrier.await, Object.wait, Thread.join or Vert.x Future.await",
            call -> named(call, "get", "java.util.concurrent.Future", "java.util.concurrent.CompletableFuture",
                    "java.util.concurrent.FutureTask")
                || named(call, "join", "java.util.concurrent.CompletableFuture", "java.lang.Thread")
                || named(call, "await", "java.util.concurrent.CountDownLatch", "java.util.concurrent.CyclicBarrier",
                    "io.vertx.core.Future")
                || call.getTarget().getName().equals("wait")),
        KnownBad.WaitsForAResult.class);

    public static final Law NEVER_TAKES_A_THREAD_LOCK = law(
        "event-loop code never takes a thread's lock",
        "a java.util.concurrent lock belongs to a thread, and callbacks run later or on another thread: use sharedData().withLocalLock(...) or confine the state to one context",
        calls("Lock.lock*, Semaphore.acquire*",
            call -> (inPackage(call, "java.util.concurrent.locks") && call.getTarget().getName().startsWith("lock"))
                || (owner(call).equals("java.util.concurrent.Semaphore") && call.getTarget().getName().startsWith("acquire"))),
        KnownBad.TakesAThreadLock.class);

    public static final Law NEVER_BLOCKS_ON_RX = law(
        "event-loop code never calls RxJava blocking*",
        "blockingGet/blockingFirst/... hold the loop until the stream answers: subscribe instead",
        calls("RxJava blocking*",
            call -> inPackage(call, "io.reactivex.rxjava3.core") && call.getTarget().getName().startsWith("blocking")),
        KnownBad.BlocksOnRx.class);

    public static final Law NEVER_TOUCHES_THE_DISK_SYNCHRONOUSLY = law(
        "event-loop code never reads or writes files synchronously",
        "a slow disk or network mount stalls every request on the loop: use vertx.fileSystem() without the *Blocking suffix",
        calls("java.nio.file.Files, java.io file streams, Vert.x FileSystem *Blocking",
            call -> owner(call).equals("java.nio.file.Files")
                || named(call, "<init>", "java.io.FileInputStream", "java.io.FileOutputStream",
                    "java.io.FileReader", "java.io.FileWriter", "java.io.RandomAccessFile")
                || (owner(call).equals("io.vertx.core.file.FileSystem") && call.getTarget().getName().endsWith("Blocking"))),
        KnownBad.TouchesTheDiskSynchronously.class);

    public static final Law STATES_WHETHER_BLOCKING_WORK_IS_ORDERED = law(
        "event-loop code says whether executeBlocking work is ordered",
        "executeBlocking(callable) is ordered per context, which silently serialises work meant to run in parallel: call executeBlocking(callable, ordered)",
        calls("the one-argument executeBlocking(Callable)",
            call -> inPackage(call, "io.vertx.core")
                && call.getTarget().getName().equals("executeBlocking")
                && call.getTarget().getRawParameterTypes().size() == 1),
        KnownBad.LeavesBlockingWorkOrdered.class);

    /** Every law at once. */
    public static final List<Law> ALL = List.of(NEVER_SLEEPS, NEVER_WAITS_FOR_A_RESULT, NEVER_TAKES_A_THREAD_LOCK,
        NEVER_BLOCKS_ON_RX, NEVER_TOUCHES_THE_DISK_SYNCHRONOUSLY, STATES_WHETHER_BLOCKING_WORK_IS_ORDERED);

    /** Main classes only: test classes (which may block freely) live under .../test-classes/. */
    private static final ImportOption MAIN_CLASSES_ONLY = location -> !location.contains("/test-classes/");

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    private EventLoopLaws() {}

    /**
     * First proves that {@code law} still catches its known-bad fixture, then checks the given
     * exercise class (with its nested classes and lambdas) against it.
     */
    public static void assertObeyed(String exercise, Law law, Class<?> exerciseClass, String hint) {
        assertRuleStillBites(law);
        JavaClasses learnerCode = classAndItsLambdas(exercise, exerciseClass);
        EvaluationResult result = law.rule().evaluate(learnerCode);
        assertThat(result.hasViolation())
            .as("%s breaks the law \"%s\".%n%s%n%s", exercise, law.rule().getDescription(),
                result.getFailureReport(), hint)
            .isFalse();
    }

    /**
     * Proves every law against its fixture, then checks the given exercise class against all laws at
     * once, so that every violation is reported together.
     */
    public static void assertObeysAll(String exercise, Class<?> exerciseClass, String hint) {
        ALL.forEach(EventLoopLaws::assertRuleStillBites);
        JavaClasses learnerCode = classAndItsLambdas(exercise, exerciseClass);
        EvaluationResult result = everyLaw().evaluate(learnerCode);
        assertThat(result.hasViolation())
            .as("%s breaks the laws of event-loop code.%n%s%n%s", exercise, result.getFailureReport(), hint)
            .isFalse();
    }

    /** Proves every law against its fixture, then checks all main classes of {@code pkg} against all laws. */
    public static void assertPackageObeysAll(String exercise, String pkg, String hint) {
        ALL.forEach(EventLoopLaws::assertRuleStillBites);
        EvaluationResult result = everyLaw().evaluate(mainClassesOf(pkg));
        assertThat(result.hasViolation())
            .as("%s: the event-loop package %s breaks the laws.%n%s%n%s", exercise, pkg, result.getFailureReport(), hint)
            .isFalse();
    }

    private static ArchRule everyLaw() {
        return CompositeArchRule.of(ALL.stream().map(Law::rule).toList());
    }

    private static JavaClasses classAndItsLambdas(String exercise, Class<?> exerciseClass) {
        JavaClasses learnerCode = mainClassesOf(exerciseClass.getPackageName())
            .that(JavaClass.Predicates.belongToAnyOf(exerciseClass));
        assertThat(learnerCode).as("%s: nothing imported for %s", exercise, exerciseClass.getName()).isNotEmpty();
        return learnerCode;
    }

    private static void assertRuleStillBites(Law law) {
        JavaClasses fixture = IMPORTED.computeIfAbsent(law.knownBad().getName(),
            name -> new ClassFileImporter().importClasses(law.knownBad()));
        assertThat(law.rule().evaluate(fixture).hasViolation())
            .as("The rule \"%s\" no longer catches its known-bad fixture %s: the rule itself is broken, not your code",
                law.rule().getDescription(), law.knownBad().getName())
            .isTrue();
    }

    private static JavaClasses mainClassesOf(String pkg) {
        // Imported once per test run: the classes do not change while the tests run.
        return IMPORTED.computeIfAbsent(pkg,
            name -> new ClassFileImporter().withImportOption(MAIN_CLASSES_ONLY).importPackages(name));
    }

    private static Law law(String name, String because, DescribedPredicate<JavaCall<?>> forbidden, Class<?> knownBad) {
        ArchRule rule = noClasses().that().resideInAPackage(EVENT_LOOP_CODE)
            .should().callCodeUnitWhere(forbidden)
            .as(name)
            .because(because);
        return new Law(rule, knownBad);
    }

    private static DescribedPredicate<JavaCall<?>> calls(String what, java.util.function.Predicate<JavaCall<?>> test) {
        return DescribedPredicate.describe("call " + what, test);
    }

    private static String owner(JavaCall<?> call) {
        return call.getTarget().getOwner().getName();
    }

    private static boolean inPackage(JavaCall<?> call, String pkg) {
        return call.getTarget().getOwner().getPackageName().equals(pkg);
    }

    private static boolean named(JavaCall<?> call, String name, String... owners) {
        return call.getTarget().getName().equals(name) && Set.of(owners).contains(owner(call));
    }
}
