package course.tools;

import java.io.*;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.*;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs in the test JVM that TestJvm starts: the JUnit Platform Launcher on the test classes named on
 * standard input, a result line per test flushed to the file {@code args[0]} (a JVM killed at its time
 * limit still leaves what it finished); {@code args[1]} lists the folders of test and main classes.
 * It loads the launcher before it reads its input, so a JVM can wait, warm, for the next run (watch mode).
 * Input lines, ended by "go" or the end of input:
 * <pre>
 *   class course.threads.Ex03_BoundedPoolTest     one per test class, run in this order
 *   stop-when-caught Ex03_BoundedPool             end the JVM at the first failure that catches a wrong answer (TeachingFailure)
 *   first closesThePool                           with stop-when-caught: run the tests of that method first, on their own,
 *                                                 then (not caught) the whole classes; a test that ran is reported once
 * </pre>
 * Output lines: {@code C class} when a class starts, {@link TestJvm.Result#line} per test, {@code E class}
 * when it is done, then {@code END} (or {@code END caught}). The JVM's own output is the tests'.
 */
public final class TestRunner {

    public static void main(String[] args) throws Exception {
        // The folders get a class loader of their own, searched first as on surefire's class path; the
        // JVM's own class path holds only the jars, which the AOT cache can keep.
        List<String> classPath = new ArrayList<>();
        List<URL> urls = new ArrayList<>();
        for (String dir : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            String u = Path.of(dir).toUri().toString(); // a folder not there yet (watch starts the JVM first) has no "/" at the end
            urls.add(URI.create(u.endsWith("/") ? u : u + "/").toURL());
            classPath.add(dir);
        }
        classPath.add(System.getProperty("java.class.path"));
        System.setProperty("java.class.path", String.join(File.pathSeparator, classPath));
        Thread.currentThread().setContextClassLoader(new ChildFirst(urls.toArray(URL[]::new), TestRunner.class.getClassLoader()));
        TimelineRecording timeline = TimelineRecording.startIfAsked();
        Launcher launcher = LauncherFactory.create();
        List<String> classes = new ArrayList<>();
        String stopWhenCaught = null, first = null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("go"); ) {
            if (line.startsWith("class ")) classes.add(line.substring(6).strip());
            else if (line.startsWith("stop-when-caught ")) stopWhenCaught = line.substring(17).strip();
            else if (line.startsWith("first ")) first = line.substring(6).strip();
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8))) {
            Listener listener = new Listener(out, stopWhenCaught);
            // The test that caught this wrong answer last time, alone: most runs end here, without the CPU of the tests before it.
            if (first != null && stopWhenCaught != null) {
                String method = first;
                PostDiscoveryFilter only = d -> d.getSource().filter(MethodSource.class::isInstance)
                        .map(s -> ((MethodSource) s).getMethodName().equals(method) ? FilterResult.included("first") : FilterResult.excluded("not first"))
                        .orElse(FilterResult.included("container"));
                for (String c : classes) {
                    try {
                        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(c)).filters(only).build(), listener);
                    } catch (Throwable ignored) {
                        // the class's own run below reports it
                    }
                }
            }
            // One execution per class, in the given order (surefire's runOrder=alphabetical).
            for (String c : classes) {
                listener.marker("C", c);
                try {
                    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(c)).build(), listener);
                } catch (Throwable t) {
                    listener.line(c, "(class)", TestResults.Status.FAILED, t);
                }
                listener.marker("E", c);
            }
            out.println("END");
        }
        if (timeline != null) timeline.dump();
        halt();
    }

    /** Like surefire's fork: whatever threads the tests left behind, this JVM is done. */
    private static void halt() {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Writes one line per finished test; fails the tests a failing class or container never started. */
    private static final class Listener implements TestExecutionListener {
        private final PrintWriter out;
        private final String stopWhenCaught;
        private final Set<String> reported = new HashSet<>();
        /** With a timeline recording, each test is a JFR event begun when it starts. */
        private final Map<String, TimelineRecording.TestMethod> running = new ConcurrentHashMap<>();
        private TestPlan plan;

        Listener(PrintWriter out, String stopWhenCaught) {
            this.out = out;
            this.stopWhenCaught = stopWhenCaught;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            plan = testPlan;
        }

        @Override
        public void executionStarted(TestIdentifier id) {
            if (!id.isTest() || System.getProperty("course.timeline", "").isBlank()) return;
            TimelineRecording.TestMethod event = new TimelineRecording.TestMethod();
            event.testClass = classOf(id).orElse("?");
            event.test = nameOf(id);
            event.begin();
            running.put(id.getUniqueId(), event);
        }

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            List<TestIdentifier> tests = id.isTest() ? List.of(id) : plan.getDescendants(id).stream().filter(TestIdentifier::isTest).toList();
            tests.forEach(t -> report(t, TestResults.Status.SKIPPED, "", reason == null ? "" : reason));
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Throwable t = result.getThrowable().orElse(null);
            TestResults.Status status = switch (result.getStatus()) {
                case SUCCESSFUL -> TestResults.Status.PASSED;
                case ABORTED -> TestResults.Status.SKIPPED;
                case FAILED -> TestResults.Status.FAILED;
            };
            TimelineRecording.TestMethod event = running.remove(id.getUniqueId());
            if (event != null) {
                event.status = status.name();
                event.commit();
            }
            String type = t == null ? "" : t.getClass().getName();
            if (id.isTest()) {
                report(id, status, type, message(t));
            } else if (status != TestResults.Status.PASSED) {
                // A failing @BeforeAll, class initializer or container: its tests never ran, so they fail with it.
                Set<TestIdentifier> tests = plan.getDescendants(id);
                tests.stream().filter(c -> c.isTest() && !reported.contains(c.getUniqueId())).forEach(c -> report(c, status, type, message(t)));
                if (tests.stream().noneMatch(TestIdentifier::isTest) && id.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                    line(classOf(id).orElseThrow(), "(class)", status, t);
                }
            }
        }

        void marker(String what, String className) {
            out.println(what + "\t" + Tsv.escape(className));
            out.flush();
        }

        void line(String cls, String name, TestResults.Status status, Throwable t) {
            write(new TestJvm.Result(cls, name, status, t == null ? "" : t.getClass().getName(), message(t)));
        }

        private void write(TestJvm.Result r) {
            out.println(r.line());
            out.flush();
        }

        private void report(TestIdentifier id, TestResults.Status status, String type, String message) {
            if (!reported.add(id.getUniqueId())) return;
            write(new TestJvm.Result(classOf(id).orElse("?"), nameOf(id), status, type, message));
            if (stopWhenCaught != null && status == TestResults.Status.FAILED && TeachingFailure.by(stopWhenCaught, type, message)) {
                out.println("END\tcaught");
                out.flush();
                halt();
            }
        }

        private Optional<String> classOf(TestIdentifier id) {
            for (Optional<TestIdentifier> i = Optional.of(id); i.isPresent(); i = plan.getParent(i.get())) {
                var source = i.get().getSource().orElse(null);
                if (source instanceof MethodSource m) return Optional.of(m.getClassName());
                if (source instanceof ClassSource c) return Optional.of(c.getClassName());
            }
            return Optional.empty();
        }

        /** The name surefire's reports give a test: JUnit's legacy reporting name without an empty "()" (timersFire(Vertx), retries(int)[2]). */
        private static String nameOf(TestIdentifier id) {
            return id.getLegacyReportingName().replaceFirst("\\(\\)$", "");
        }
    }

    private static String message(Throwable t) {
        return t == null || t.getMessage() == null ? "" : t.getMessage();
    }

    /** Finds classes and resources in its own folders first, then in the JVM's class path (the jars). */
    static final class ChildFirst extends URLClassLoader {
        static {
            registerAsParallelCapable();
        }

        ChildFirst(URL[] urls, ClassLoader parent) {
            super("course-tests", urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("java.")) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException notOurs) {
                        c = getParent().loadClass(name);
                    }
                }
                if (resolve) resolveClass(c);
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : getParent().getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
            all.addAll(Collections.list(getParent().getResources(name)));
            return Collections.enumeration(all);
        }
    }

    private TestRunner() {}
}
