package course.tools;

import java.util.*;

/** The fast engine proven against surefire: on the same tree, the same tests with the same verdicts (the course check's solutions). */
record EngineCheck(int tests, List<String> differences) {

    /**
     * Surefire's verdicts against the engine's {@code runs} of the same tree: a test differs when a run lacks it,
     * or when its status differs from surefire's in every run (at some core counts only, CoreCounts reports it).
     */
    static EngineCheck compare(Map<String, TestResults.Outcome> surefire, List<List<TestJvm.Result>> runs) {
        List<Map<String, TestResults.Status>> engine = new ArrayList<>();
        for (List<TestJvm.Result> run : runs) {
            Map<String, TestResults.Status> statuses = new HashMap<>();
            run.forEach(r -> statuses.put(r.testClass() + "#" + r.name(), r.status()));
            engine.add(statuses);
        }
        Set<String> tests = new TreeSet<>(surefire.keySet());
        engine.forEach(e -> tests.addAll(e.keySet()));
        List<String> differences = new ArrayList<>();
        for (String t : tests) {
            TestResults.Status s = surefire.containsKey(t) ? surefire.get(t).status() : null;
            if (s == null) differences.add(t + ": run by the fast engine only");
            else if (engine.stream().anyMatch(e -> !e.containsKey(t))) differences.add(t + ": run by surefire only");
            else if (engine.stream().allMatch(e -> e.get(t) != s)) differences.add(t + ": " + s.name().toLowerCase() + " on surefire, "
                    + String.join("/", engine.stream().map(e -> e.get(t).name().toLowerCase()).distinct().toList()) + " on the fast engine");
        }
        return new EngineCheck(tests.size(), differences);
    }

    String line() {
        return differences.isEmpty() ? "engine: fast engine agrees with surefire on " + tests + " tests"
                : "engine: fast engine disagrees with surefire on " + differences.size() + " of " + tests + " tests";
    }
}
