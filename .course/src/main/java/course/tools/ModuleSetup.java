package course.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the fast test engine needs to build and test one module the way {@code ./mvnw test} does,
 * read from Maven once and cached in {@code <module>/target/course/setup.properties}, keyed by a
 * fingerprint of the poms (root and module) and the Maven configuration: the source roots
 * (build-helper's added ones too), the compile and test class paths, the annotation processor
 * path, the compiler's release and arguments, and surefire's argLine (with -ea), system properties,
 * environment and working directory. One Maven run resolves every module whose key changed.
 */
record ModuleSetup(
        String module,
        Path dir,
        Path mainSources,
        List<Path> extraMainSources,
        List<Path> testSources,
        List<Path> mainResources,
        List<Path> testResources,
        List<Path> compileClasspath,
        List<Path> testClasspath,
        List<Path> processorPath,
        String release,
        List<String> compilerArgs,
        List<String> jvmArgs,
        Map<String, String> systemProperties,
        Map<String, String> environment,
        Path workingDirectory,
        List<Path> launcher) {

    static final String FORMAT = "1";
    static final String HELP = "org.apache.maven.plugins:maven-help-plugin:3.5.2";
    static final String DEPENDENCY = "org.apache.maven.plugins:maven-dependency-plugin:3.9.0";

    /** This set-up with {@code extra} after surefire's JVM arguments (e.g. the wrong answers' flags). */
    ModuleSetup withJvmArgs(List<String> extra) {
        List<String> args = new ArrayList<>(jvmArgs);
        args.addAll(extra);
        return new ModuleSetup(module, dir, mainSources, extraMainSources, testSources, mainResources, testResources,
                compileClasspath, testClasspath, processorPath, release, compilerArgs, List.copyOf(args), systemProperties,
                environment, workingDirectory, launcher);
    }

    /** Which main sources a build uses: the learner's (the module's src/main/java) or the reference ones. */
    enum Tree { LEARNER, SOLUTIONS }

    /** The main source roots of {@code tree}: the exercises' folder and the roots every build shares (src/given/java). */
    List<Path> mainRoots(Path root, Tree tree) {
        List<Path> out = new ArrayList<>();
        out.add(tree == Tree.LEARNER ? mainSources : root.resolve("solutions").resolve(module).resolve("src/main/java"));
        out.addAll(extraMainSources);
        return out;
    }

    /** The setups of {@code modules}, from the cache where their poms did not change, else from one Maven run. */
    static Map<String, ModuleSetup> of(Path root, List<String> modules, PrintStream say) throws Exception {
        Map<String, ModuleSetup> out = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        for (String m : modules) {
            String key = key(root, m);
            keys.put(m, key);
            ModuleSetup cached = load(root, m, key);
            if (cached == null) stale.add(m);
            else out.put(m, cached);
        }
        if (!stale.isEmpty()) {
            say.println("Reading the build set-up of " + String.join(", ", stale) + " from Maven (once, until a pom changes) ...");
            Path logFile = root.resolve("target/course/logs/setup.log");
            Path effective = root.resolve("target/course/setup-effective-pom.xml");
            Files.deleteIfExists(effective);
            var run = new Maven(root, Duration.ofMinutes(15)).run(logFile, List.of("-q", "-pl", String.join(",", stale),
                    HELP + ":effective-pom", "-Doutput=" + effective,
                    DEPENDENCY + ":build-classpath", "-Dmdep.outputFile=target/course/setup/test-classpath.txt",
                    DEPENDENCY + ":list", "-DoutputFile=target/course/setup/dependencies.txt", "-DoutputAbsoluteArtifactFilename=true"));
            if (run.exitCode() != 0 || !Files.exists(effective)) {
                throw new ToolException("Maven could not read the build set-up of " + String.join(", ", stale)
                        + " (see " + root.relativize(logFile) + "). Does ./mvnw -q test-compile -pl " + stale.getFirst() + " work?");
            }
            Document doc = parse(effective);
            for (String m : stale) {
                ModuleSetup s = fromMaven(root, m, doc);
                s.save(root, keys.get(m));
                out.put(m, s);
            }
        }
        Map<String, ModuleSetup> ordered = new LinkedHashMap<>();
        modules.forEach(m -> ordered.put(m, out.get(m)));
        return ordered;
    }

    /** The cache key: every file that shapes the build, and where the repository is. */
    static String key(Path root, String module) throws IOException {
        Fingerprint f = new Fingerprint().add("setup " + FORMAT).add(root.toAbsolutePath().toString());
        f.file(root, root.resolve("pom.xml")).file(root, root.resolve(module).resolve("pom.xml"));
        f.file(root, root.resolve(".mvn/maven.config")).file(root, root.resolve(".mvn/jvm.config"));
        f.file(root, root.resolve(".mvn/extensions.xml"));
        return f.hex();
    }

    private static Path cacheFile(Path root, String module) {
        return root.resolve(module).resolve("target/course/setup.properties");
    }

    private static ModuleSetup load(Path root, String module, String key) throws IOException {
        Path file = cacheFile(root, module);
        if (!Files.exists(file)) return null;
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        if (!key.equals(p.getProperty("key"))) return null;
        ModuleSetup s = new ModuleSetup(module, root.resolve(module), Path.of(p.getProperty("mainSources")),
                paths(p, "extraMainSources"), paths(p, "testSources"), paths(p, "mainResources"), paths(p, "testResources"),
                paths(p, "compileClasspath"), paths(p, "testClasspath"), paths(p, "processorPath"),
                p.getProperty("release"), strings(p, "compilerArgs"), strings(p, "jvmArgs"),
                map(p, "sysprop."), map(p, "env."), Path.of(p.getProperty("workingDirectory")), paths(p, "launcher"));
        // A cleaned local repository makes the cache stale too.
        for (List<Path> jars : List.of(s.testClasspath, s.processorPath, s.launcher)) {
            for (Path j : jars) if (!Files.exists(j)) return null;
        }
        return s;
    }

    private void save(Path root, String key) throws IOException {
        Properties p = new Properties();
        p.setProperty("key", key);
        p.setProperty("mainSources", mainSources.toString());
        put(p, "extraMainSources", extraMainSources);
        put(p, "testSources", testSources);
        put(p, "mainResources", mainResources);
        put(p, "testResources", testResources);
        put(p, "compileClasspath", compileClasspath);
        put(p, "testClasspath", testClasspath);
        put(p, "processorPath", processorPath);
        put(p, "launcher", launcher);
        p.setProperty("release", release);
        p.setProperty("compilerArgs", String.join("\n", compilerArgs));
        p.setProperty("jvmArgs", String.join("\n", jvmArgs));
        systemProperties.forEach((k, v) -> p.setProperty("sysprop." + k, v));
        environment.forEach((k, v) -> p.setProperty("env." + k, v));
        p.setProperty("workingDirectory", workingDirectory.toString());
        Path file = cacheFile(root, module);
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "The build set-up of " + module + " as Maven sees it (course tools cache; delete freely)");
        }
    }

    private static void put(Properties p, String name, List<Path> paths) {
        p.setProperty(name, String.join("\n", paths.stream().map(Path::toString).toList()));
    }

    private static List<Path> paths(Properties p, String name) {
        return strings(p, name).stream().map(Path::of).toList();
    }

    private static List<String> strings(Properties p, String name) {
        String v = p.getProperty(name, "");
        return v.isEmpty() ? List.of() : List.of(v.split("\n"));
    }

    private static Map<String, String> map(Properties p, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).sorted()
                .forEach(k -> out.put(k.substring(prefix.length()), p.getProperty(k)));
        return out;
    }

    // ---- reading Maven's answers

    private static Document parse(Path xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(xml.toFile());
    }

    private static ModuleSetup fromMaven(Path root, String module, Document doc) throws Exception {
        Path dir = root.resolve(module);
        Element project = null;
        for (Element p : children(doc.getDocumentElement(), "project")) {
            if (module.equals(text(p, "artifactId"))) project = p;
        }
        if (project == null && "project".equals(doc.getDocumentElement().getTagName())) project = doc.getDocumentElement();
        if (project == null) throw new ToolException("Maven's effective pom has no project " + module);
        Element build = child(project, "build");

        Path mainSources = Path.of(text(build, "sourceDirectory"));
        List<Path> testSources = new ArrayList<>(List.of(Path.of(text(build, "testSourceDirectory"))));
        List<Path> extraMain = new ArrayList<>();
        List<Path> mainResources = resourceDirs(build, "resources", "resource");
        List<Path> testResources = resourceDirs(build, "testResources", "testResource");

        // build-helper: more source roots, in both builds.
        for (Element e : executions(build, "build-helper-maven-plugin")) {
            List<String> goals = children(child(e, "goals"), "goal").stream().map(Node::getTextContent).map(String::strip).toList();
            Element conf = child(e, "configuration");
            List<Path> sources = children(child(conf, "sources"), "source").stream().map(s -> dir.resolve(s.getTextContent().strip())).toList();
            if (goals.contains("add-source")) extraMain.addAll(sources);
            if (goals.contains("add-test-source")) testSources.addAll(sources);
            List<Path> resources = new ArrayList<>();
            for (Element r : children(child(conf, "resources"), "resource")) resources.add(dir.resolve(text(r, "directory")));
            if (goals.contains("add-resource")) mainResources.addAll(resources);
            if (goals.contains("add-test-resource")) testResources.addAll(resources);
        }

        // maven-compiler-plugin: release, arguments, annotation processors (the compile execution's).
        Element compile = configuration(build, "maven-compiler-plugin", "default-compile");
        String release = textOr(compile, "release", "25");
        List<String> compilerArgs = children(child(compile, "compilerArgs"), "arg").stream().map(a -> a.getTextContent().strip()).toList();
        List<String[]> processors = new ArrayList<>();
        for (Element path : children(child(compile, "annotationProcessorPaths"), "path")) {
            processors.add(new String[] {text(path, "groupId"), text(path, "artifactId"), text(path, "version")});
        }

        // maven-surefire-plugin: how the test JVM starts.
        Element surefire = configuration(build, "maven-surefire-plugin", "default-test");
        // surefire's fork: -ea unless enableAssertions is false, then the argLine.
        List<String> jvmArgs = new ArrayList<>();
        if (!"false".equals(textOr(surefire, "enableAssertions", "true"))) jvmArgs.add("-ea");
        jvmArgs.addAll(splitArgLine(textOr(surefire, "argLine", "")));
        Map<String, String> sysprops = new LinkedHashMap<>();
        for (Element e : children(child(surefire, "systemPropertyVariables"), null)) sysprops.put(e.getTagName(), e.getTextContent().strip());
        Map<String, String> env = new LinkedHashMap<>();
        for (Element e : children(child(surefire, "environmentVariables"), null)) env.put(e.getTagName(), e.getTextContent().strip());
        Path workDir = dir.resolve(textOr(surefire, "workingDirectory", dir.toString()));
        for (String unsupported : List.of("forkCount", "reuseForks", "parallel", "includes", "excludes", "test", "groups",
                "excludedGroups", "additionalClasspathElements", "classpathDependencyExcludes", "jvm", "useModulePath")) {
            if (child(surefire, unsupported) != null) {
                throw new ToolException(module + "'s surefire sets <" + unsupported + ">, which the course tools' fast runner does not honour yet: "
                        + "teach ModuleSetup/TestJvm about it, or the fast verdicts may differ from ./mvnw test");
            }
        }

        // The dependencies: the test class path in Maven's order, and which of them are for compiling main code.
        Path setup = dir.resolve("target/course/setup");
        List<Path> testClasspath = new ArrayList<>();
        for (String p : Files.readString(setup.resolve("test-classpath.txt")).strip().split(java.io.File.pathSeparator)) {
            if (!p.isBlank()) testClasspath.add(Path.of(p));
        }
        Map<Path, String> scopes = scopes(Files.readAllLines(setup.resolve("dependencies.txt")));
        List<Path> compileClasspath = testClasspath.stream()
                .filter(p -> List.of("compile", "provided", "system").contains(scopes.getOrDefault(p, "test"))).toList();

        // The launcher surefire adds (the version of the platform on the class path), and the processors' jars.
        Path repository = localRepository(scopes.keySet());
        String platform = testClasspath.stream().map(p -> p.getFileName().toString())
                .map(n -> n.matches("junit-platform-engine-(.+)\\.jar") ? n.replaceAll("junit-platform-engine-(.+)\\.jar", "$1") : null)
                .filter(v -> v != null).findFirst()
                .orElseThrow(() -> new ToolException(module + " has no JUnit Platform on its test class path"));
        List<Path> launcher = List.of(artifact(root, repository, "org.junit.platform", "junit-platform-launcher", platform));
        List<Path> processorPath = new ArrayList<>();
        for (String[] gav : processors) processorPath.add(artifact(root, repository, gav[0], gav[1], gav[2]));
        if (!processorPath.isEmpty()) processorPath.addAll(compileClasspath); // the processors' own dependencies (jmh-core)

        return new ModuleSetup(module, dir, mainSources, extraMain, testSources, mainResources, testResources,
                compileClasspath, testClasspath, processorPath, release, compilerArgs, jvmArgs, sysprops, env, workDir, launcher);
    }

    /** Path -> scope, from dependency:list's output ("g:a:jar:1.0:compile:/path/a-1.0.jar -- module a"). */
    static Map<Path, String> scopes(List<String> listOutput) {
        Pattern line = Pattern.compile("^\\s*\\S+?:(compile|provided|runtime|test|system):(.+?)(\\s+--\\s+module\\s.*)?$");
        Map<Path, String> out = new LinkedHashMap<>();
        for (String l : listOutput) {
            Matcher m = line.matcher(l);
            if (m.matches()) out.put(Path.of(m.group(2).strip()), m.group(1));
        }
        return out;
    }

    /** The local repository, from where a resolved artifact lies in it (repo/g/r/o/u/p/artifact/version/artifact-version.jar). */
    static Path localRepository(Iterable<Path> jars) {
        for (Path jar : jars) {
            Path version = jar.getParent();
            if (version == null || version.getParent() == null) continue;
            Path artifact = version.getParent();
            if (jar.getFileName().toString().startsWith(artifact.getFileName() + "-" + version.getFileName())
                    && artifact.getFileName().toString().equals("junit-jupiter-api")) {
                return artifact.getParent().getParent().getParent().getParent(); // .../org/junit/jupiter/junit-jupiter-api
            }
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** An artifact's jar in the local repository, fetched through Maven when it is not there yet. */
    private static Path artifact(Path root, Path repository, String group, String artifact, String version) throws Exception {
        Path jar = repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version).resolve(artifact + "-" + version + ".jar");
        if (!Files.exists(jar)) {
            Path logFile = root.resolve("target/course/logs/setup-get.log");
            new Maven(root, Duration.ofMinutes(10)).run(logFile, List.of("-q", "-N", DEPENDENCY + ":get", "-Dartifact=" + group + ":" + artifact + ":" + version));
            if (!Files.exists(jar)) throw new ToolException("could not fetch " + group + ":" + artifact + ":" + version + " (see " + root.relativize(logFile) + ")");
        }
        return jar;
    }

    /** surefire's argLine as arguments: split at blanks, quotes kept together. */
    static List<String> splitArgLine(String argLine) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : argLine.toCharArray()) {
            if (quote != 0) {
                if (c == quote) quote = 0;
                else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || !cur.isEmpty()) out.add(cur.toString());
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (any || !cur.isEmpty()) out.add(cur.toString());
        return out;
    }

    private static List<Path> resourceDirs(Element build, String listTag, String tag) {
        List<Path> out = new ArrayList<>();
        for (Element r : children(child(build, listTag), tag)) out.add(Path.of(text(r, "directory")));
        return out;
    }

    /** The plugin's executions whose artifactId is {@code artifactId}, from build/plugins. */
    private static List<Element> executions(Element build, String artifactId) {
        List<Element> out = new ArrayList<>();
        Element plugin = plugin(build, artifactId);
        if (plugin != null) out.addAll(children(child(plugin, "executions"), "execution"));
        return out;
    }

    /** An execution's configuration when the plugin has that execution, else the plugin's own. */
    private static Element configuration(Element build, String artifactId, String executionId) {
        Element plugin = plugin(build, artifactId);
        if (plugin == null) return null;
        for (Element e : children(child(plugin, "executions"), "execution")) {
            if (executionId.equals(text(e, "id")) && child(e, "configuration") != null) return child(e, "configuration");
        }
        return child(plugin, "configuration");
    }

    private static Element plugin(Element build, String artifactId) {
        for (Element p : children(child(build, "plugins"), "plugin")) {
            if (artifactId.equals(text(p, "artifactId"))) return p;
        }
        return null;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        if (parent == null) return out;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (tag == null || e.getTagName().equals(tag))) out.add(e);
        }
        return out;
    }

    private static Element child(Element parent, String tag) {
        List<Element> c = children(parent, tag);
        return c.isEmpty() ? null : c.getFirst();
    }

    private static String text(Element parent, String tag) {
        Element c = child(parent, tag);
        return c == null ? null : c.getTextContent().strip();
    }

    private static String textOr(Element parent, String tag, String otherwise) {
        String t = text(parent, tag);
        return t == null || t.isEmpty() ? otherwise : t;
    }
}
