package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates or refreshes the local {@code solution} branch: main's last commit with every module's
 * src/main/java replaced by the reference code that the same commit holds in solutions/. It is generated, never edited by
 * hand, so it cannot drift from main. Built with git plumbing on a private index: your working
 * tree, your index and your current branch are not touched.
 *
 * <pre>
 *   git checkout solution && ./mvnw test      # all green
 *   git diff solution -- module-01-threads/src/main/java   # a learner's work against the reference
 * </pre>
 */
final class SolutionBranch {

    static final String BRANCH = "solution";
    private final Path root;

    SolutionBranch(Path root) {
        this.root = root;
    }

    int run(List<String> args) throws Exception {
        List<String> words = Args.flags(args).atMost(1, "name one commit, or none for HEAD").positionals();
        String base = words.isEmpty() ? "HEAD" : words.getFirst();
        try {
            git(List.of("rev-parse", "--verify", "--quiet", base + "^{commit}"), null);
        } catch (IOException e) {
            throw new ToolException("no commit " + base + " in this repository");
        }
        String commit = build(base);
        git(List.of("update-ref", "refs/heads/" + BRANCH, commit), null);
        System.out.println("Branch '" + BRANCH + "' now at " + commit.substring(0, 10)
                + ": " + base + " with every module's src/main/java taken from solutions/.");
        System.out.println("  try:     git checkout " + BRANCH + " && ./mvnw test");
        System.out.println("  compare: git diff " + BRANCH + " -- module-01-threads/src/main/java");
        return 0;
    }

    /** Writes the solution tree for {@code base} into git's object store and returns its commit id. */
    String build(String base) throws Exception {
        String baseCommit = git(List.of("rev-parse", "--verify", base + "^{commit}"), null).strip();
        Path index = Files.createTempFile("course-solution-index", "");
        try {
            Files.delete(index); // git wants to create it itself
            Map<String, String> env = Map.of("GIT_INDEX_FILE", index.toString());
            git(List.of("read-tree", baseCommit), env);
            // The reference files as the base commit has them: "mode blob stage\tpath" per line.
            List<String> staged = git(List.of("ls-files", "-s", "--", "solutions/"), env).lines().toList();
            for (String module : Course.modules(root, List.of())) {
                String starters = module + "/src/main/java/";
                String reference = "solutions/" + starters;
                git(List.of("rm", "-r", "--cached", "--quiet", "--ignore-unmatch", "--", starters), env);
                for (String entry : staged) {
                    String[] meta = entry.substring(0, entry.indexOf('\t')).split(" ");
                    String path = entry.substring(entry.indexOf('\t') + 1);
                    if (path.startsWith(reference)) {
                        String target = starters + path.substring(reference.length());
                        git(List.of("update-index", "--add", "--cacheinfo", meta[0] + "," + meta[1] + "," + target), env);
                    }
                }
            }
            String tree = git(List.of("write-tree"), env).strip();
            return git(List.of("commit-tree", tree, "-p", baseCommit, "-m",
                    "Reference solutions for " + baseCommit.substring(0, 10) + " (generated from solutions/; do not edit)"), null).strip();
        } finally {
            Files.deleteIfExists(index);
        }
    }

    /** git in this repository, with an identity for commit-tree where the user has none set. */
    private String git(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(args);
        Map<String, String> vars = new java.util.HashMap<>(env == null ? Map.of() : env);
        for (String who : List.of("AUTHOR", "COMMITTER")) {
            vars.putIfAbsent("GIT_" + who + "_NAME", "course tools");
            vars.putIfAbsent("GIT_" + who + "_EMAIL", "course-tools@localhost");
        }
        return Course.exec(cmd, vars);
    }
}
