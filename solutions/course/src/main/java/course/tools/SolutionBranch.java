package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.stream.Stream;

/**
 * The local {@code solution} branch: a commit with every module's src/main/java replaced by the reference code the same commit holds in
 * solutions/. Generated, never edited, so it cannot drift; written with git plumbing on a private index, so the working tree, the index
 * and the current branch are not touched.
 */
final class SolutionBranch {

    static final String BRANCH = "solution";
    private static final Map<String, String> IDENTITY = Map.of("GIT_AUTHOR_NAME", "course tools", "GIT_AUTHOR_EMAIL", "course-tools@localhost",
            "GIT_COMMITTER_NAME", "course tools", "GIT_COMMITTER_EMAIL", "course-tools@localhost");
    private final Path root;

    SolutionBranch(Path root) { this.root = root; }

    /** The command: {@code solution-branch [COMMIT]} creates or refreshes the branch from COMMIT (HEAD). */
    int run(List<String> args) throws Exception {
        List<String> words = Args.flags(args).atMost(1, "name one commit, or none for HEAD").positionals();
        String base = words.isEmpty() ? "HEAD" : words.getFirst();
        try {
            git(null, "rev-parse", "--verify", "--quiet", base + "^{commit}");
        } catch (IOException e) {
            throw new ToolException("no commit " + base + " in this repository");
        }
        String commit = build(base);
        git(null, "update-ref", "refs/heads/" + BRANCH, commit);
        System.out.println("Branch '" + BRANCH + "' now at " + commit.substring(0, 10) + ": " + base + " with every module's src/main/java taken from solutions/.");
        System.out.println("  try:     git checkout " + BRANCH + " && ./mvnw test");
        System.out.println("  compare: git diff " + BRANCH + " -- module-01-threads/src/main/java");
        return 0;
    }

    /** Writes the solution tree for {@code base} into git's object store and returns its commit id. */
    String build(String base) throws Exception {
        String baseCommit = git(null, "rev-parse", "--verify", base + "^{commit}").strip();
        Path index = Files.createTempFile("course-solution-index", "");
        try {
            Files.delete(index); // git wants to create it itself
            Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
            git(env, "read-tree", baseCommit);
            // The reference files as the base commit has them: "mode blob stage\tpath" per line.
            List<String> staged = git(env, "ls-files", "-s", "--", "solutions/").lines().toList();
            for (String module : Course.modules(root, List.of())) {
                String starters = module + "/src/main/java/", reference = "solutions/" + starters;
                git(env, "rm", "-r", "--cached", "--quiet", "--ignore-unmatch", "--", starters);
                for (String entry : staged) {
                    String[] meta = entry.substring(0, entry.indexOf('\t')).split(" ");
                    String path = entry.substring(entry.indexOf('\t') + 1);
                    if (!path.startsWith(reference)) continue;
                    git(env, "update-index", "--add", "--cacheinfo", meta[0] + "," + meta[1] + "," + starters + path.substring(reference.length()));
                }
            }
            String tree = git(env, "write-tree").strip();
            return git(null, "commit-tree", tree, "-p", baseCommit, "-m",
                    "Reference solutions for " + baseCommit.substring(0, 10) + " (generated from solutions/; do not edit)").strip();
        } finally {
            Files.deleteIfExists(index);
        }
    }

    /**
     * The course check's line: the branch generated from HEAD must be exactly HEAD with each module's src/main/java taken from
     * solutions/; then the -Psolutions run, which built those files against these tests, proves it green.
     */
    String verify(List<String> modules) throws Exception {
        if (!git(null, "status", "--porcelain", "--untracked-files=no").isBlank()) return "not checked: uncommitted changes (it is generated from the last commit)";
        String commit = build("HEAD");
        int files = 0;
        for (String m : modules) {
            String generated = git(null, "ls-tree", "-r", commit, "--", m + "/src/main/java/").replace("\t" + m + "/src/main/java/", "\t");
            String reference = git(null, "ls-tree", "-r", "HEAD", "--", "solutions/" + m + "/src/main/java/").replace("\tsolutions/" + m + "/src/main/java/", "\t");
            if (!generated.equals(reference)) return "NOT SOUND: " + m + "/src/main/java on the generated branch differs from solutions/" + m;
            files += (int) generated.lines().count();
        }
        List<String> all = Course.modules(root, List.of());
        if (!git(null, "diff", "--name-only", "HEAD", commit).lines().allMatch(f -> all.stream().anyMatch(m -> f.startsWith(m + "/src/main/java/")))) {
            return "NOT SOUND: the generated branch changes more than the modules' src/main/java";
        }
        return "generated tree = this commit + solutions/ (" + files + " reference files in place), so it passes as the solutions did";
    }

    /** git in this repository with {@code env}, and an identity for commit-tree where the user has none set. */
    private String git(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Map<String, String> vars = new HashMap<>(IDENTITY);
        if (env != null) vars.putAll(env);
        return Course.exec(Stream.concat(Stream.of("git", "-C", root.toString()), Stream.of(args)).toList(), vars);
    }
}
