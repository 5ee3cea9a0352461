package course.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs in the test JVM that TestJvm starts: the JUnit Platform Launcher on the test classes
 * named on standard input, one result line per test written (and flushed) to the file named by
 * the first argument, so a JVM killed at its time limit still leaves what it finished. The
 * second argument names a file: the class path as surefire would give it (for java.class.path),
 * then the folders of test and main classes, one per line.
 *
 * <p>It loads the launcher before it reads its input, so a JVM can be started ahead of time and
 * wait, warm, for the next run (watch mode). Input lines, ended by "go" or the end of input:
 * <pre>
 *   class course.threads.Ex03_BoundedPoolTest     one per test class, run in this order
 *   stop-when-caught Ex03_BoundedPool             end the JVM at the first failure that catches a wrong answer (Caught)
 *   first closesThePool                           with stop-when-caught: run the tests of that method first, on their own,
 *                                                 then (not caught) the whole classes; a test that ran is reported once
 * </pre>
 * Output lines (tab-separated, fields escaped as Tsv.escape does): {@code C class} when a class
 * starts, {@code T class name status type message} per test, {@code E class} when the class is
 * done, then {@code END} (or {@code END caught}, tab-separated). The JVM's own output is the tests' output.
 */
public final class TestRunner {

    public static void main(String[] args) throws Exception {
        Path resultsFile = Path.of(args[0]);
        // The test and main classes (folders) get a class loader of their own, searched before the
        // libraries as surefire's class path is (test-classes, classes, then the jars); the JVM's
        // own class path holds only jars, which the AOT cache can keep (see TestJvm).
        List<String> paths = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        System.setProperty("java.class.path", paths.getFirst());
        List<URL> urls = new ArrayList<>();
        for (String dir : paths.subList(1, paths.size())) {
            String u = Path.of(dir).toUri().toString();
            urls.add(URI.create(u.endsWith("/") ? u : u + "/").toURL());
        }
        ClassLoader tests = new ChildFirst(urls.toArray(URL[]::new), TestRunner.class.getClassLoader());
        Thread.currentThread().setContextClassLoader(tests);
        TimelineRecording timeline = TimelineRecording.startIfAsked();
        Launcher launcher = LauncherFactory.create();
        List<String> classes = new ArrayList<>();
        String stopWhenCaught = null;
        String first = null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("go"); ) {
            if (line.startsWith("class ")) classes.add(line.substring(6).strip());
            else if (line.startsWith("stop-when-caught ")) stopWhenCaught = line.substring(17).strip();
            else if (line.startsWith("first ")) first = line.substring(6).strip();
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(resultsFile, StandardCharsets.UTF_8))) {
            Listener listener = new Listener(out, stopWhenCaught);
            // The test that caught this wrong answer last time, alone: most runs end here, without the
            // CPU of the tests before it. If it does not catch, the whole classes run as usual.
            if (first != null && stopWhenCaught != null) {
                String method = first;
                PostDiscoveryFilter only = d -> d.getSource().filter(MethodSource.class::isInstance)
                        .map(s -> ((MethodSource) s).getMethodName().equals(method)
                                ? FilterResult.included("first") : FilterResult.excluded("not first"))
                        .orElse(FilterResult.included("container"));
                for (String c : classes) {
                    try {
                        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(c))
                                .filters(only).build(), listener);
                    } catch (Throwable ignored) {
                        // the class's own run below reports it
                    }
                }
            }
            // One execution per class, in the given order (surefire's runOrder=alphabetical).
            for (String c : classes) {
                LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                        .selectors(DiscoverySelectors.selectClass(c))
                        .build();
                listener.marker("C", c);
                try {
                    launcher.execute(request, listener);
                } catch (Throwable t) {
                    listener.classFailed(c, t);
                }
                listener.marker("E", c);
            }
            out.println("END");
            out.flush();
        }
        if (timeline != null) timeline.dump();
        // Like surefire's fork: whatever threads the tests left behind, this JVM is done.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** Writes one line per finished test; fails the tests a failing class never started. */
    private static final class Listener implements TestExecutionListener {
        private final PrintWriter out;
        private final String stopWhenCaught;
        private TestPlan plan;
        private final Set<String> reported = new HashSet<>();

        Listener(PrintWriter out, String stopWhenCaught) {
            this.out = out;
            this.stopWhenCaught = stopWhenCaught;
        }

        @Override
        public void testPlanExecutionStarted(TestPlan testPlan) {
            this.plan = testPlan;
        }

        /** With a timeline recording, each test is a JFR event (TimelineRecording.TestMethod) begun here. */
        private final java.util.Map<String, TimelineRecording.TestMethod> running = new java.util.concurrent.ConcurrentHashMap<>();

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
            if (id.isTest()) {
                report(id, "SKIPPED", "", reason == null ? "" : reason);
            } else {
                plan.getDescendants(id).stream().filter(TestIdentifier::isTest)
                        .forEach(t -> report(t, "SKIPPED", "", reason == null ? "" : reason));
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            Throwable t = result.getThrowable().orElse(null);
            String status = switch (result.getStatus()) {
                case SUCCESSFUL -> "PASSED";
                case ABORTED -> "SKIPPED";
                case FAILED -> "FAILED";
            };
            TimelineRecording.TestMethod event = running.remove(id.getUniqueId());
            if (event != null) {
                event.status = status;
                event.commit();
            }
            if (id.isTest()) {
                report(id, status, t == null ? "" : t.getClass().getName(), message(t));
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                // A failing @BeforeAll, class initializer or container: its tests never ran, so they fail with it.
                for (TestIdentifier child : plan.getDescendants(id)) {
                    if (child.isTest() && !reported.contains(child.getUniqueId())) {
                        report(child, status, t == null ? "" : t.getClass().getName(), message(t));
                    }
                }
                if (plan.getDescendants(id).stream().noneMatch(TestIdentifier::isTest) && classOf(id).isPresent()
                        && id.getSource().filter(ClassSource.class::isInstance).isPresent()) {
                    line(classOf(id).get(), "(class)", status, t == null ? "" : t.getClass().getName(), message(t));
                }
            }
        }

        void marker(String what, String className) {
            out.println(what + "\t" + Tsv.escape(className));
            out.flush();
        }

        void classFailed(String className, Throwable t) {
            line(className, "(class)", "FAILED", t.getClass().getName(), message(t));
        }

        private void report(TestIdentifier id, String status, String type, String message) {
            if (!reported.add(id.getUniqueId())) return;
            line(classOf(id).orElse("?"), nameOf(id), status, type, message);
            if (stopWhenCaught != null && status.equals("FAILED") && Caught.by(stopWhenCaught, type, message)) {
                out.println("END\tcaught");
                out.flush();
                System.out.flush();
                System.err.flush();
                Runtime.getRuntime().halt(0);
            }
        }

        private void line(String cls, String name, String status, String type, String message) {
            out.println(String.join("\t", "T", Tsv.escape(cls), Tsv.escape(name), status, Tsv.escape(type), Tsv.escape(message)));
            out.flush();
        }

        private Optional<String> classOf(TestIdentifier id) {
            for (Optional<TestIdentifier> i = Optional.of(id); i.isPresent(); i = plan.getParent(i.get())) {
                var source = i.get().getSource();
                if (source.isPresent() && source.get() instanceof MethodSource m) return Optional.of(m.getClassName());
                if (source.isPresent() && source.get() instanceof ClassSource c) return Optional.of(c.getClassName());
            }
            return Optional.empty();
        }

        /**
         * The name surefire's reports give a test: JUnit's legacy reporting name without an empty
         * "()": {@code closesThePool}, {@code timersFire(Vertx)}, {@code retries(int)[2]}.
         */
        private static String nameOf(TestIdentifier id) {
            String n = id.getLegacyReportingName();
            return n.endsWith("()") ? n.substring(0, n.length() - 2) : n;
        }
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

    private static String message(Throwable t) {
        if (t == null) return "";
        String m = t.getMessage();
        return m == null ? "" : m;
    }

    private TestRunner() {}
}
