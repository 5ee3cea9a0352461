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
import course.pitfalls.support.eventloop.KnownGood;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The laws of event-loop code, as ArchUnit rules: what javac cannot refuse, a test can.
 *
 * <p>Every class in a package named {@code ..eventloop..} runs on an event loop, so it must never
 * block the thread. Each {@link Law} names the kinds of call it forbids and pairs its rule with one
 * known-bad fixture per kind in {@link KnownBad}: before a rule judges the learner's code it must
 * catch every one of its fixtures (so a rule weakened until it misses one kind of call is caught),
 * and it must let {@link KnownGood} pass (so a rule grown to forbid the non-blocking way is caught too).
 */
public final class EventLoopLaws {

    /** A rule and the fixtures it must always flag, one per kind of call it names. */
    public record Law(ArchRule rule, List<Class<?>> knownBad) {}

    private static final String EVENT_LOOP_CODE = "..eventloop..";

    /** java.io.File methods that go to the disk (the others only handle the path). */
    private static final Set<String> FILE_QUERIES = Set.of("exists", "isFile", "isDirectory", "length", "lastModified",
        "canRead", "canWrite", "delete", "list", "listFiles", "mkdir", "mkdirs", "createNewFile", "renameTo");

    public static final Law NEVER_SLEEPS = law(
        "event-loop code never sleeps",
        "a sleeping handler holds the loop: wait with vertx.timer(...) instead",
        calls("Thread.sleep, TimeUnit.sleep or LockSupport.park*",
            call -> named(call, "sleep", "java.lang.Thread", "java.util.concurrent.TimeUnit")
                || (owner(call).equals("java.util.concurrent.locks.LockSupport") && name(call).startsWith("park"))),
        KnownBad.ThreadSleep.class, KnownBad.TimeUnitSleep.class, KnownBad.LockSupportPark.class);

    public static final Law NEVER_WAITS_FOR_A_RESULT = law(
        "event-loop code never waits for a result",
        "waiting holds the loop, and when the loop itself must deliver the result it is a deadlock: compose the futures",
        calls("Future.get, CompletableFuture.get/join, CountDownLatch/CyclicBarrier/Condition.await, Object.wait, "
                + "Thread.join or Vert.x Future.await",
            call -> named(call, "get", "java.util.concurrent.Future", "java.util.concurrent.CompletableFuture",
                    "java.util.concurrent.FutureTask", "java.util.concurrent.ScheduledFuture", "java.util.concurrent.RunnableFuture")
                || named(call, "join", "java.util.concurrent.CompletableFuture", "java.lang.Thread")
                || named(call, "await", "java.util.concurrent.CountDownLatch", "java.util.concurrent.CyclicBarrier",
                    "java.util.concurrent.locks.Condition", "io.vertx.core.Future")
                || name(call).equals("wait")),
        KnownBad.FutureGet.class, KnownBad.CompletableFutureGetWithTimeout.class, KnownBad.CompletableFutureJoin.class,
        KnownBad.CountDownLatchAwait.class, KnownBad.CyclicBarrierAwait.class, KnownBad.ConditionAwait.class,
        KnownBad.ObjectWait.class, KnownBad.ThreadJoin.class, KnownBad.VertxFutureAwait.class);

    public static final Law NEVER_TAKES_A_THREAD_LOCK = law(
        "event-loop code never takes a thread's lock",
        "a java.util.concurrent lock belongs to a thread, and callbacks run later or on another thread: use sharedData().withLocalLock(...) or confine the state to one context",
        calls("Lock.lock*, Lock.tryLock with a timeout, Semaphore.acquire*, Semaphore.tryAcquire with a timeout",
            call -> (inPackage(call, "java.util.concurrent.locks") && (name(call).startsWith("lock")
                    || (name(call).equals("tryLock") && hasTimeout(call))))
                || (owner(call).equals("java.util.concurrent.Semaphore") && (name(call).startsWith("acquire")
                    || (name(call).equals("tryAcquire") && hasTimeout(call))))),
        KnownBad.LockLock.class, KnownBad.ReentrantLockLockInterruptibly.class, KnownBad.LockTryLockWithTimeout.class,
        KnownBad.SemaphoreAcquire.class, KnownBad.SemaphoreAcquireUninterruptibly.class,
        KnownBad.SemaphoreTryAcquireWithTimeout.class);

    public static final Law NEVER_BLOCKS_ON_RX = law(
        "event-loop code never calls RxJava blocking*",
        "blockingGet/blockingFirst/... hold the loop until the stream answers: subscribe instead",
        calls("RxJava blocking* on Single, Maybe, Observable, Flowable or Completable",
            call -> inPackage(call, "io.reactivex.rxjava3.core") && name(call).startsWith("blocking")),
        KnownBad.SingleBlockingGet.class, KnownBad.MaybeBlockingGet.class, KnownBad.ObservableBlockingFirst.class,
        KnownBad.FlowableBlockingSubscribe.class, KnownBad.CompletableBlockingAwait.class);

    /**
     * Blocking I/O by construction, not by a list of methods: every JDK method or constructor that
     * declares an IOException (the JDK's mark of a call that waits for a disk, a socket, a URL, a DNS
     * lookup, an HTTP exchange), every call into JDBC (java.sql, javax.sql), and the few disk calls that
     * declare nothing (java.nio.file.Files, java.io.File's disk queries, any URLConnection query, Vert.x
     * FileSystem *Blocking). In-memory streams (byte arrays, strings) declare IOException too, but wait
     * for nothing: they pass.
     */
    public static final Law NEVER_TOUCHES_THE_DISK_SYNCHRONOUSLY = law(
        "event-loop code never does blocking I/O (disk, network, database)",
        "a slow disk, network mount, peer or database stalls every request on the loop: use vertx.fileSystem() without the "
            + "*Blocking suffix, a Vert.x client, or executeBlocking(..., false) around code that must block",
        calls("a JDK method that declares an IOException (files, sockets, URLs, DNS, HTTP), JDBC (java.sql, javax.sql), "
                + "java.nio.file.Files, java.io.File's disk queries, a URLConnection, Vert.x FileSystem *Blocking",
            call -> declaresIoException(call)
                || inPackage(call, "java.sql") || inPackage(call, "javax.sql")
                || owner(call).equals("java.nio.file.Files")
                || (owner(call).equals("java.io.File") && FILE_QUERIES.contains(name(call)))
                || isA(call, "java.net.URLConnection")
                || (owner(call).equals("io.vertx.core.file.FileSystem") && name(call).endsWith("Blocking"))),
        KnownBad.FilesRead.class, KnownBad.FileInputStreamOpen.class, KnownBad.FileOutputStreamOpen.class,
        KnownBad.FileReaderOpen.class, KnownBad.FileWriterOpen.class, KnownBad.RandomAccessFileOpen.class,
        KnownBad.ScannerOverAPath.class, KnownBad.ScannerOverAFile.class, KnownBad.FileChannelOpen.class,
        KnownBad.PrintWriterToAFile.class, KnownBad.PrintStreamToAFile.class, KnownBad.FileQueries.class,
        KnownBad.VertxFileSystemBlocking.class, KnownBad.UrlOpenStream.class, KnownBad.InputStreamRead.class,
        KnownBad.UrlConnectionQuery.class, KnownBad.SocketConnect.class, KnownBad.DnsLookup.class,
        KnownBad.HttpClientSend.class, KnownBad.JdbcQuery.class);

    public static final Law STATES_WHETHER_BLOCKING_WORK_IS_ORDERED = law(
        "event-loop code says whether executeBlocking work is ordered",
        "executeBlocking(callable) is ordered per context, which silently serialises work meant to run in parallel: call executeBlocking(callable, ordered)",
        calls("the one-argument executeBlocking(Callable) of Vertx, Context or WorkerExecutor",
            call -> inPackage(call, "io.vertx.core")
                && name(call).equals("executeBlocking")
                && call.getTarget().getRawParameterTypes().size() == 1),
        KnownBad.VertxExecuteBlockingDefault.class, KnownBad.ContextExecuteBlockingDefault.class,
        KnownBad.WorkerExecutorExecuteBlockingDefault.class);

    /** Every law at once. */
    public static final List<Law> ALL = List.of(NEVER_SLEEPS, NEVER_WAITS_FOR_A_RESULT, NEVER_TAKES_A_THREAD_LOCK,
        NEVER_BLOCKS_ON_RX, NEVER_TOUCHES_THE_DISK_SYNCHRONOUSLY, STATES_WHETHER_BLOCKING_WORK_IS_ORDERED);

    /** Main classes only: test classes (which may block freely) live under .../test-classes/. */
    private static final ImportOption MAIN_CLASSES_ONLY = location -> !location.contains("/test-classes/");

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();
    private static final Set<Law> PROVEN = ConcurrentHashMap.newKeySet();

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
        if (PROVEN.contains(law)) {
            return; // the rules and fixtures do not change while the tests run
        }
        JavaClasses fixtures = IMPORTED.computeIfAbsent(KnownBad.class.getPackageName(),
            pkg -> new ClassFileImporter().importPackages(pkg));
        for (Class<?> knownBad : law.knownBad()) {
            assertThat(law.rule().evaluate(fixtures.that(JavaClass.Predicates.belongToAnyOf(knownBad))).hasViolation())
                .as("The rule \"%s\" no longer catches its known-bad fixture %s: the rule itself is broken, not your code",
                    law.rule().getDescription(), knownBad.getSimpleName())
                .isTrue();
        }
        EvaluationResult onGoodCode = law.rule().evaluate(fixtures.that(JavaClass.Predicates.belongToAnyOf(KnownGood.class)));
        assertThat(onGoodCode.hasViolation())
            .as("The rule \"%s\" forbids non-blocking code (the fixture KnownGood): the rule itself is broken, not your "
                + "code.%n%s", law.rule().getDescription(), onGoodCode.getFailureReport())
            .isFalse();
        PROVEN.add(law);
    }

    private static JavaClasses mainClassesOf(String pkg) {
        // Imported once per test run: the classes do not change while the tests run.
        return IMPORTED.computeIfAbsent(pkg,
            name -> new ClassFileImporter().withImportOption(MAIN_CLASSES_ONLY).importPackages(name));
    }

    private static Law law(String name, String because, DescribedPredicate<JavaCall<?>> forbidden, Class<?>... knownBad) {
        ArchRule rule = noClasses().that().resideInAPackage(EVENT_LOOP_CODE)
            .should().callCodeUnitWhere(forbidden)
            .as(name)
            .because(because);
        return new Law(rule, List.of(knownBad));
    }

    private static DescribedPredicate<JavaCall<?>> calls(String what, java.util.function.Predicate<JavaCall<?>> test) {
        return DescribedPredicate.describe("call " + what, test);
    }

    private static String name(JavaCall<?> call) {
        return call.getTarget().getName();
    }

    /** A blocking variant that takes a timeout: tryLock(long, TimeUnit), tryAcquire(long, TimeUnit), ... */
    private static boolean hasTimeout(JavaCall<?> call) {
        return call.getTarget().getRawParameterTypes().stream().anyMatch(type -> type.getName().equals("java.util.concurrent.TimeUnit")
            || type.getName().equals("java.time.Duration"));
    }

    private static boolean firstParameterIs(JavaCall<?> call, String... types) {
        var parameters = call.getTarget().getRawParameterTypes();
        return !parameters.isEmpty() && Set.of(types).contains(parameters.getFirst().getName());
    }

    /** Streams over memory: their methods declare IOException (inherited from InputStream, Reader, ...) but never wait. */
    private static final Set<String> IN_MEMORY = Set.of("java.io.ByteArrayInputStream", "java.io.ByteArrayOutputStream",
        "java.io.CharArrayReader", "java.io.CharArrayWriter", "java.io.StringReader", "java.io.StringWriter");

    private static final Map<String, Boolean> DECLARES_IO_EXCEPTION = new ConcurrentHashMap<>();

    /**
     * Whether the called JDK method or constructor declares an IOException (or a subclass), read by reflection
     * (ArchUnit does not import the JDK here, see archunit.properties).
     */
    private static boolean declaresIoException(JavaCall<?> call) {
        String ownerName = owner(call);
        if (IN_MEMORY.contains(ownerName) || !(ownerName.startsWith("java.") || ownerName.startsWith("javax.")
                || ownerName.startsWith("jdk."))) {
            return false;
        }
        return DECLARES_IO_EXCEPTION.computeIfAbsent(call.getTarget().getFullName(), key -> {
            try {
                Class<?> ownerClass = call.getTarget().getOwner().reflect();
                Class<?>[] parameters = call.getTarget().getRawParameterTypes().stream()
                    .map(JavaClass::reflect).toArray(Class<?>[]::new);
                Class<?>[] declared = name(call).equals("<init>")
                    ? ownerClass.getDeclaredConstructor(parameters).getExceptionTypes()
                    : method(ownerClass, name(call), parameters).getExceptionTypes();
                return java.util.Arrays.stream(declared).anyMatch(java.io.IOException.class::isAssignableFrom);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError unknown) {
                return false;
            }
        });
    }

    private static java.lang.reflect.Method method(Class<?> owner, String name, Class<?>[] parameters) throws NoSuchMethodException {
        try {
            return owner.getMethod(name, parameters);
        } catch (NoSuchMethodException notPublic) {
            for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
                try {
                    return type.getDeclaredMethod(name, parameters);
                } catch (NoSuchMethodException notHere) {
                    // look further up
                }
            }
            throw notPublic;
        }
    }

    /** Whether the call's owner is {@code type} or one of its subtypes. */
    private static boolean isA(JavaCall<?> call, String type) {
        if (owner(call).equals(type)) {
            return true;
        }
        try {
            return Class.forName(type).isAssignableFrom(call.getTarget().getOwner().reflect());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unknown) {
            return false;
        }
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
