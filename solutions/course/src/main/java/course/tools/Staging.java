package course.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.stream.Stream;

/**
 * Staging: which submissions a command line names (submissions, --batch, --roster), each taken in before
 * any is graded (a repository cloned at its ref, a folder read as it is, through {@link SubmissionFiles}), and
 * --clone-only. git never runs in a learner's folder, and never with what an untrusted repository could change.
 */
final class Staging {

    /** A submission to grade: a folder graded as it is, or a repository cloned at a ref; {@code problem} when it cannot be. */
    record Submission(String student, String source, String ref, boolean folder, String problem) {}

    /** The class: every submission (before sharding), the roster's problems and its SHA-256 (null without a roster). */
    record Listed(List<Submission> all, List<String> problems, String rosterSha) {}

    /** A submission taken in: what it handed in (or why nothing), and its commit. */
    record Staged(Submission submission, SubmissionFiles.Result intake, String commit, String uncommitted, String problem) {
        Staged(Submission s, String problem) { this(s, null, null, null, problem); }
    }

    /** How long one git command of the intake may take (a clone that hangs costs its submission, not the batch). */
    static final long GIT_LIMIT_MINUTES = 10;

    static Listed submissions(GradeOptions o) throws IOException {
        if (o.roster() != null) {
            byte[] bytes = Files.readAllBytes(o.roster());
            Roster roster = Roster.parse(new String(bytes, StandardCharsets.UTF_8));
            return new Listed(roster.entries().stream().map(e -> new Submission(e.student(), resolveRepository(e.repository(), o.roster().getParent()),
                    e.ref(), false, e.problem())).toList(), roster.problems(), CourseTree.sha256(bytes));
        }
        List<Submission> list = new ArrayList<>();
        if (o.batch() != null) {
            try (Stream<Path> s = Files.list(o.batch())) {
                s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted()
                 .forEach(p -> list.add(new Submission(p.getFileName().toString(), p.toAbsolutePath().toString(), null, true, null)));
            }
        }
        for (String a : o.submissions()) {
            int hash = a.lastIndexOf('#');
            if (hash < 0 && !a.contains("://") && Files.isDirectory(Path.of(a))) {
                list.add(new Submission(submissionName(a), Path.of(a).toAbsolutePath().normalize().toString(), null, true, null));
            } else {
                list.add(new Submission(submissionName(a), hash >= 0 ? a.substring(0, hash) : a, hash >= 0 && hash + 1 < a.length() ? a.substring(hash + 1) : null, false, null));
            }
        }
        // The student id is the gradebook's key: two submissions with the same name get -2, -3, ...
        Map<String, Integer> seen = new HashMap<>();
        return new Listed(list.stream().map(s -> {
            int n = seen.merge(s.student(), 1, Integer::sum);
            return n == 1 ? s : new Submission(s.student() + "-" + n, s.source(), s.ref(), s.folder(), s.problem());
        }).toList(), List.of(), null);
    }

    /** A submission's name from its folder or URL: ann, ann@main for .../ann.git#main. */
    static String submissionName(String submission) {
        String s = submission.replaceAll("[/\\\\]+$", "");
        int hash = s.lastIndexOf('#');
        String ref = hash >= 0 ? "@" + s.substring(hash + 1) : "";
        if (hash >= 0) s = s.substring(0, hash).replaceAll("[/\\\\]+$", "");
        return s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1).replaceAll("\\.git$", "") + ref;
    }

    /** A roster's repository: a URL as it is, a local path relative to the roster's folder made absolute. */
    static String resolveRepository(String repository, Path rosterDir) {
        if (repository.contains("://") || repository.matches("^[\\w.-]+@[\\w.-]+:.*")) return repository;
        Path p = Path.of(repository);
        return !p.isAbsolute() && rosterDir != null && Files.exists(rosterDir.resolve(p)) ? rosterDir.resolve(p).toAbsolutePath().normalize().toString() : repository;
    }

    /** Takes {@code s} in, in {@code dir} (deleted afterwards); {@code mirrors} (or null) holds clones made by --clone-only. */
    static Staged stage(Submission s, Path dir, List<SubmissionFiles.Module> layouts, Path course, Path mirrors) throws Exception {
        if (s.problem() != null) return new Staged(s, s.problem());
        Files.createDirectories(dir);
        try {
            if (s.folder()) return stageFolder(s, Path.of(s.source()), dir.resolve("history"), layouts, course);
            Path clone = dir.resolve("repo"), mirror = mirrors == null ? null : mirrors.resolve(Grader.safeName(s.student()) + ".git");
            try {
                git(null, "clone", "--quiet", "--no-checkout", "--", mirror != null && Files.isDirectory(mirror, LinkOption.NOFOLLOW_LINKS) ? mirror.toString() : s.source(), clone.toString());
            } catch (IOException e) {
                return new Staged(s, "clone failed: " + Grader.oneLine(e));
            }
            String commit = null;
            for (String candidate : s.ref() == null ? List.of("HEAD") : List.of(s.ref(), "origin/" + s.ref())) {
                try {
                    commit = git(clone, "rev-parse", "--verify", "--quiet", "--end-of-options", candidate + "^{commit}").strip();
                    break;
                } catch (IOException e) {
                    // try the next spelling
                }
            }
            if (commit == null || commit.isEmpty()) return new Staged(s, "ref not found: " + (s.ref() == null ? "HEAD" : s.ref()));
            git(clone, "checkout", "--quiet", "--detach", commit);
            return new Staged(s, SubmissionFiles.take(clone, layouts, course), commit, "no", null);
        } finally {
            Course.deleteTree(dir);
        }
    }

    private static Staged stageFolder(Submission s, Path folder, Path clone, List<SubmissionFiles.Module> layouts, Path course) throws Exception {
        if (!Files.isDirectory(folder)) return new Staged(s, "no such folder: " + folder);
        SubmissionFiles.Result in = SubmissionFiles.take(folder, layouts, course);
        if (!Files.exists(folder.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            in.notes().add("the folder is not a git repository: no commit to record");
            return new Staged(s, in, null, "", null);
        }
        try { // git never runs in the learner's folder itself (its config could run commands): clone it, then compare
            git(null, "clone", "--quiet", "--no-local", "--no-checkout", "--", folder.toString(), clone.toString());
            String commit = git(clone, "rev-parse", "--verify", "HEAD^{commit}").strip();
            return new Staged(s, in, commit, differsFromCommit(folder, clone, layouts) ? "yes" : "no", null);
        } catch (IOException e) {
            in.notes().add("the folder's git history could not be read: " + Grader.oneLine(e));
            return new Staged(s, in, null, "", null);
        }
    }

    /** Whether the folder's files under each module's src/main/java differ from its last commit's (cloned into {@code clone}). */
    private static boolean differsFromCommit(Path folder, Path clone, List<SubmissionFiles.Module> layouts) throws Exception {
        Map<String, String> committed = new TreeMap<>(), present = new TreeMap<>();
        for (SubmissionFiles.Module m : layouts) {
            for (String line : git(clone, "ls-tree", "-r", "-z", "HEAD", "--", m.name() + "/src/main/java/").split("\0")) {
                if (!line.isEmpty()) committed.put(line.substring(line.indexOf('\t') + 1), line.substring(0, line.indexOf('\t')).split(" ")[2]);
            }
            Path main = folder.resolve(m.name()).resolve("src/main/java");
            if (SubmissionFiles.linkOnTheWay(folder, m.name() + "/src/main/java") != null || !Files.isDirectory(main, LinkOption.NOFOLLOW_LINKS)) continue;
            try (Stream<Path> s = Files.walk(main, SubmissionFiles.MAX_DEPTH)) {
                for (Path p : s.limit(SubmissionFiles.MAX_ENTRIES).filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                    if (Files.size(p) > SubmissionFiles.MAX_FILE_BYTES) return true;
                    present.put(SubmissionFiles.rel(folder, p), gitBlobId(Files.readAllBytes(p)));
                }
            }
        }
        return !committed.equals(present);
    }

    /** The id git gives a file's content (SHA-1 of "blob SIZE\0" + content). */
    static String gitBlobId(byte[] content) throws Exception {
        var sha1 = java.security.MessageDigest.getInstance("SHA-1");
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().formatHex(sha1.digest(content));
    }

    /**
     * Clones the repositories of this shard into {@code o.cloneOnly()} as bare mirrors and grades nothing: the
     * only step that needs a token for private repositories. With ROSTER_TOKEN set, git gets it from a
     * credential helper on its command line, for github.com only; nothing is written to any git config.
     */
    static int cloneOnly(GradeOptions o) throws Exception {
        Files.createDirectories(o.cloneOnly());
        int failed = 0;
        for (Submission s : o.shard().slice(submissions(o).all())) {
            if (s.folder() || s.problem() != null) continue;
            Path mirror = o.cloneOnly().resolve(Grader.safeName(s.student()) + ".git");
            Course.deleteTree(mirror);
            List<String> cmd = new ArrayList<>();
            if (!System.getenv().getOrDefault("ROSTER_TOKEN", "").isEmpty()) {
                cmd.addAll(List.of("-c", "credential.https://github.com.helper=",
                        "-c", "credential.https://github.com.helper=!f() { test \"$1\" = get && echo username=x-access-token && echo \"password=$ROSTER_TOKEN\"; }; f"));
            }
            cmd.addAll(List.of("clone", "--quiet", "--bare", "--", s.source(), mirror.toString()));
            try {
                git(null, cmd.toArray(String[]::new));
                System.out.println("cloned   " + s.student());
            } catch (IOException e) {
                failed++;
                System.out.println("FAILED   " + s.student() + ": " + Grader.oneLine(e) + " (graded as a clone failure)");
            }
        }
        // a failed clone is not this step's failure: grading tries the repository again and gives it its row
        System.out.println((failed == 0 ? "" : failed + " could not be cloned (their rows will say so). ")
                + "next: ./mvnw -q -Dcourse=\"grade ... --mirrors " + o.cloneOnly() + "\" (same roster and shard; no token needed)");
        return 0;
    }

    /** git with what an untrusted repository must not change (no prompts, hooks, fsmonitor or ext:: transport), in a time limit. */
    static String git(Path repo, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "protocol.ext.allow=never", "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"));
        if (repo != null) cmd.addAll(List.of("-C", repo.toString()));
        cmd.addAll(List.of(args));
        String token = UUID.randomUUID().toString();
        FutureTask<String> call = new FutureTask<>(() -> Course.exec(cmd, Map.of("GIT_TERMINAL_PROMPT", "0", "GIT_ASKPASS", "true",
                "SSH_ASKPASS", "true", ProcessTree.MARKER, token)));
        Thread.ofVirtual().start(call);
        try {
            return call.get(GIT_LIMIT_MINUTES, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            ProcessTree.killAll(null, token);
            throw new IOException("it did not finish within " + GIT_LIMIT_MINUTES + " minutes");
        } catch (ExecutionException e) { // Course.exec says "<command> failed: <git's message>": keep git's message (no temporary paths)
            String msg = Objects.requireNonNullElse(e.getCause().getMessage(), "git failed");
            throw new IOException(msg.contains(" failed: ") ? msg.substring(msg.indexOf(" failed: ") + " failed: ".length()) : msg, e.getCause());
        }
    }

    private Staging() {}
}
