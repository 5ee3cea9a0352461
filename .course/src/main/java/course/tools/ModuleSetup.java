package course.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What the fast test engine needs to build and test a module as {@code ./mvnw test} does: source and resource roots,
 * class paths, processor path, javac's release and arguments, and how surefire starts the test JVM. Read from Maven's
 * effective POM and dependency list (plugins at the root pom's versions) in one Maven run for every module whose
 * poms changed, and cached in {@code <module>/target/course/setup.tsv}.
 */
record ModuleSetup(String module, Path dir, Path mainSources, List<Path> extraMainSources, List<Path> testSources,
                   List<Path> mainResources, List<Path> testResources, List<Path> compileClasspath, List<Path> testClasspath,
                   List<Path> processorPath, String release, List<String> compilerArgs, List<String> jvmArgs,
                   Map<String, String> systemProperties, Map<String, String> environment, Path workingDirectory,
                   List<Path> launcher) {
    /** Which main sources a build uses: the learner's (the module's src/main/java) or the reference ones. */
    enum Tree { LEARNER, SOLUTIONS }

    /** This set-up with {@code extra} after surefire's JVM arguments (e.g. the wrong answers' flags). */
    ModuleSetup withJvmArgs(List<String> extra) {
        return new ModuleSetup(module, dir, mainSources, extraMainSources, testSources, mainResources, testResources, compileClasspath,
                testClasspath, processorPath, release, compilerArgs, Stream.concat(jvmArgs.stream(), extra.stream()).toList(),
                systemProperties, environment, workingDirectory, launcher);
    }

    /** The main source roots of {@code tree}: the exercises' folder and the roots every build shares (src/given/java). */
    List<Path> mainRoots(Path root, Tree tree) {
        Path exercises = tree == Tree.LEARNER ? mainSources : root.resolve("solutions").resolve(module).resolve("src/main/java");
        return Stream.concat(Stream.of(exercises), extraMainSources.stream()).toList();
    }

    /** The set-ups of {@code modules}, in that order: from the cache where their poms did not change, else from one Maven run. */
    static Map<String, ModuleSetup> of(Path root, List<String> modules, PrintStream say) throws Exception {
        Map<String, ModuleSetup> out = new LinkedHashMap<>();
        for (String m : modules) out.put(m, load(root, m));
        List<String> stale = modules.stream().filter(m -> out.get(m) == null).toList();
        if (stale.isEmpty()) return out;
        say.println("Reading the build set-up of " + String.join(", ", stale) + " from Maven (once, until a pom changes) ...");
        Path log = root.resolve("target/course/logs/setup.log");
        Path effective = root.resolve("target/course/setup-effective-pom.xml");
        Files.deleteIfExists(effective);
        var run = new Maven(root, Duration.ofMinutes(15)).run(log, List.of("-q", "-pl", String.join(",", stale),
                "help:effective-pom", "-Doutput=" + effective, "dependency:list", "-DoutputFile=" + DEPENDENCIES,
                "-DoutputAbsoluteArtifactFilename=true"));
        if (run.exitCode() != 0 || !Files.exists(effective)) {
            throw new ToolException("Maven could not read the build set-up of " + String.join(", ", stale)
                    + " (see " + root.relativize(log) + "). Does ./mvnw -q test-compile -pl " + stale.getFirst() + " work?");
        }
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Node doc = factory.newDocumentBuilder().parse(effective.toFile());
        for (String m : stale) out.put(m, fromMaven(root, m, doc).save(root));
        return out;
    }

    private static final String DEPENDENCIES = "target/course/setup/dependencies.txt";

    /** The cache key: every file that shapes the build, and where the repository is. */
    static String key(Path root, String module) throws IOException {
        Fingerprint f = new Fingerprint().add("setup 2").add(root.toAbsolutePath().toString());
        for (String file : List.of("pom.xml", module + "/pom.xml", ".mvn/maven.config", ".mvn/jvm.config", ".mvn/extensions.xml")) {
            f.file(root, root.resolve(file));
        }
        return f.hex();
    }

    /** The cache: "key TAB hex", then per record component its name and its items (a list's, a map's "k=v"), tab-separated. */
    private static Path cacheFile(Path root, String module) {
        return root.resolve(module).resolve("target/course/setup.tsv");
    }

    private ModuleSetup save(Path root) throws Exception {
        StringBuilder b = new StringBuilder("key\t" + key(root, module) + "\n");
        for (RecordComponent c : getClass().getRecordComponents()) {
            Object v = c.getAccessor().invoke(this);
            List<?> items = v instanceof List<?> l ? l : v instanceof Map<?, ?> m ? List.copyOf(m.entrySet()) : List.of(v);
            b.append(c.getName()).append(items.stream().map(i -> "\t" + i).collect(Collectors.joining())).append('\n');
        }
        Course.writeAtomically(cacheFile(root, module), b.toString());
        return this;
    }

    /** The cached set-up, or null when there is none, its key changed or a jar it names is gone (a cleaned local repository). */
    private static ModuleSetup load(Path root, String module) throws IOException {
        Path file = cacheFile(root, module);
        if (!Files.exists(file)) return null;
        Map<String, List<String>> saved = new HashMap<>();
        for (String l : Files.readAllLines(file)) {
            List<String> f = List.of(l.split("\t", -1));
            saved.put(f.getFirst(), f.subList(1, f.size()));
        }
        if (!List.of(key(root, module)).equals(saved.get("key"))) return null;
        RecordComponent[] components = ModuleSetup.class.getRecordComponents();
        try {
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                Class<?> type = components[i].getType();
                List<String> items = saved.get(components[i].getName());
                values[i] = type == String.class ? items.getFirst() : type == Path.class ? Path.of(items.getFirst())
                        : type == Map.class ? items.stream().map(e -> e.split("=", 2)).collect(Collectors.toMap(e -> e[0], e -> e[1], (x, y) -> y, LinkedHashMap::new))
                        : components[i].getGenericType().getTypeName().endsWith("<java.nio.file.Path>") ? items.stream().map(Path::of).toList() : items;
            }
            ModuleSetup s = ModuleSetup.class.getDeclaredConstructor(Stream.of(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).newInstance(values);
            return Stream.of(s.testClasspath, s.processorPath, s.launcher).flatMap(List::stream).allMatch(Files::exists) ? s : null;
        } catch (ReflectiveOperationException | RuntimeException stale) {
            return null;
        }
    }

    // Reading Maven's answers.

    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    private static ModuleSetup fromMaven(Path root, String module, Node doc) throws Exception {
        Path dir = root.resolve(module);
        Node project = node(doc, "(/projects/project[artifactId='" + module + "'] | /project)[1]");
        if (project == null) throw new ToolException("Maven's effective pom has no project " + module);
        List<Path> extraMain = new ArrayList<>();
        List<Path> testSources = new ArrayList<>(paths(dir, texts(project, "build/testSourceDirectory")));
        List<Path> mainResources = new ArrayList<>(paths(dir, texts(project, "build/resources/resource/directory")));
        List<Path> testResources = new ArrayList<>(paths(dir, texts(project, "build/testResources/testResource/directory")));
        // build-helper: more source and resource roots, in both builds.
        for (Node e : nodes(project, "build/plugins/plugin[artifactId='build-helper-maven-plugin']/executions/execution")) {
            List<String> goals = texts(e, "goals/goal");
            List<Path> sources = paths(dir, texts(e, "configuration/sources/source"));
            List<Path> resources = paths(dir, texts(e, "configuration/resources/resource/directory"));
            if (goals.contains("add-source")) extraMain.addAll(sources);
            if (goals.contains("add-test-source")) testSources.addAll(sources);
            if (goals.contains("add-resource")) mainResources.addAll(resources);
            if (goals.contains("add-test-resource")) testResources.addAll(resources);
        }

        Node compiler = configuration(project, "maven-compiler-plugin", "default-compile");
        String release = text(compiler, "release", text(project, "properties/maven.compiler.release", ""));
        Node surefire = configuration(project, "maven-surefire-plugin", "default-test");
        for (String unsupported : List.of("forkCount", "reuseForks", "parallel", "includes", "excludes", "test", "groups",
                "excludedGroups", "additionalClasspathElements", "classpathDependencyExcludes", "jvm", "useModulePath")) {
            if (node(surefire, unsupported) != null) {
                throw new ToolException(module + "'s surefire sets <" + unsupported + ">, which the course tools' fast runner does not honour yet: "
                        + "teach ModuleSetup/TestJvm about it, or the fast verdicts may differ from ./mvnw test");
            }
        }
        // surefire's fork: -ea unless enableAssertions is false, then the argLine.
        List<String> jvmArgs = new ArrayList<>();
        if (!text(surefire, "enableAssertions", "true").equals("false")) jvmArgs.add("-ea");
        jvmArgs.addAll(splitArgLine(text(surefire, "argLine", "")));

        // The test class path in Maven's order (dependency:list keeps it), and the jars main code compiles against.
        List<String> listed = Files.readAllLines(dir.resolve(DEPENDENCIES));
        Map<Path, String> scopes = scopes(listed);
        List<Path> testClasspath = List.copyOf(scopes.keySet());
        List<Path> compileClasspath = testClasspath.stream().filter(p -> List.of("compile", "provided", "system").contains(scopes.get(p))).toList();
        // The launcher surefire adds (at the version of the JUnit Platform on the class path), and the processors' jars.
        Path repository = localRepository(listed);
        String platform = testClasspath.stream().map(p -> p.getFileName().toString()).filter(n -> n.matches("junit-platform-engine-.+\\.jar"))
                .map(n -> n.substring("junit-platform-engine-".length(), n.length() - 4)).findFirst()
                .orElseThrow(() -> new ToolException(module + " has no JUnit Platform on its test class path"));
        List<Path> launcher = List.of(artifact(root, repository, "org.junit.platform", "junit-platform-launcher", platform));
        List<Path> processorPath = new ArrayList<>();
        for (Node p : nodes(compiler, "annotationProcessorPaths/path")) {
            processorPath.add(artifact(root, repository, text(p, "groupId", ""), text(p, "artifactId", ""), text(p, "version", "")));
        }
        if (!processorPath.isEmpty()) processorPath.addAll(compileClasspath); // the processors' own dependencies (jmh-core)

        return new ModuleSetup(module, dir, dir.resolve(text(project, "build/sourceDirectory", "src/main/java")), extraMain, testSources,
                mainResources, testResources, compileClasspath, testClasspath, processorPath, release, texts(compiler, "compilerArgs/arg"),
                jvmArgs, map(surefire, "systemPropertyVariables/*"), map(surefire, "environmentVariables/*"),
                dir.resolve(text(surefire, "workingDirectory", dir.toString())), launcher);
    }

    private static final Pattern LISTED = Pattern.compile("^\\s*([^:\\s]+):\\S+?:(compile|provided|runtime|test|system):(.+?)( \\(optional\\))?(\\s+--\\s+module\\s.*)?$");

    /** Path -> scope, in the listed order, from dependency:list's output ("g:a:jar:1.0:compile:/path/a-1.0.jar [(optional)] [-- module a]"). */
    static Map<Path, String> scopes(List<String> listOutput) {
        Map<Path, String> out = new LinkedHashMap<>();
        for (String l : listOutput) {
            Matcher m = LISTED.matcher(l);
            if (m.matches()) out.put(Path.of(m.group(3).strip()), m.group(2));
        }
        return out;
    }

    /** The local repository, from where the first listed dependency lies in it (repo/group/path/artifact/version/file.jar). */
    static Path localRepository(List<String> listOutput) {
        for (String l : listOutput) {
            Matcher m = LISTED.matcher(l);
            if (!m.matches()) continue;
            Path p = Path.of(m.group(3).strip()).getParent().getParent();
            for (int i = 0; i <= m.group(1).split("\\.").length; i++) p = p.getParent();
            return p;
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** An artifact's jar in the local repository, fetched through Maven when it is not there yet. */
    private static Path artifact(Path root, Path repository, String group, String artifact, String version) throws Exception {
        Path jar = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version).resolve(artifact + "-" + version + ".jar");
        if (!Files.exists(jar)) {
            Path log = root.resolve("target/course/logs/setup-get.log");
            new Maven(root, Duration.ofMinutes(10)).run(log, List.of("-q", "-N", "dependency:get", "-Dartifact=" + group + ":" + artifact + ":" + version));
            if (!Files.exists(jar)) throw new ToolException("could not fetch " + group + ":" + artifact + ":" + version + " (see " + root.relativize(log) + ")");
        }
        return jar;
    }

    /** surefire's argLine as arguments: split at blanks, quotes kept together. */
    static List<String> splitArgLine(String argLine) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?:[^\\s\"']|\"[^\"]*\"|'[^']*')+").matcher(argLine);
        while (m.find()) out.add(m.group().replaceAll("\"([^\"]*)\"|'([^']*)'", "$1$2"));
        return out;
    }

    /** An execution's configuration when the plugin has that execution, else the plugin's own. */
    private static Node configuration(Node project, String plugin, String execution) throws Exception {
        String at = "build/plugins/plugin[artifactId='" + plugin + "']/";
        Node own = node(project, at + "executions/execution[id='" + execution + "']/configuration");
        return own != null ? own : node(project, at + "configuration");
    }

    private static List<Node> nodes(Node at, String path) throws Exception {
        if (at == null) return List.of();
        NodeList l = (NodeList) XPATH.evaluate(path, at, XPathConstants.NODESET);
        return IntStream.range(0, l.getLength()).mapToObj(l::item).toList();
    }

    private static Node node(Node at, String path) throws Exception {
        return nodes(at, path).stream().findFirst().orElse(null);
    }

    private static List<String> texts(Node at, String path) throws Exception {
        return nodes(at, path).stream().map(n -> n.getTextContent().strip()).toList();
    }

    private static String text(Node at, String path, String otherwise) throws Exception {
        return texts(at, path).stream().filter(t -> !t.isEmpty()).findFirst().orElse(otherwise);
    }

    private static List<Path> paths(Path dir, List<String> names) {
        return names.stream().map(dir::resolve).toList();
    }

    private static Map<String, String> map(Node at, String path) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (Node n : nodes(at, path)) out.put(n.getNodeName(), n.getTextContent().strip());
        return out;
    }
}
