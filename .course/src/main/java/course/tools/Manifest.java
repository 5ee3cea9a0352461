package course.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/**
 * A module's {@code manifest.txt}: its exercises in order, a line each ({@code class points hint wrong contract...});
 * its header says where everything else about an exercise lives. The tools infer nothing from file names.
 */
record Manifest(String module, List<Entry> exercises) {

    static final String FILE = "manifest.txt";

    /** One exercise: its class, the grader's points, its hint file (relative to the module), the fewest wrong
     *  answers the course check accepts, and its contract's dimensions. */
    record Entry(String className, int points, String hint, int wrong, List<String> contract) {
        String name() { return className.substring(className.lastIndexOf('.') + 1); }
        String path() { return className.replace('.', '/'); }
    }

    static Manifest read(Path root, String module) throws IOException {
        Path file = root.resolve(module).resolve(FILE);
        if (!Files.exists(file)) throw new ToolException(module + " has no " + FILE + " (its list of exercises)");
        List<Entry> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split("\\s+");
            if (f[0].isEmpty() || f[0].startsWith("#")) continue;
            if (f.length < 5 || !f[0].matches("[\\w.]+\\.Ex\\d\\d_\\w+") || !f[1].matches("\\d{1,9}") || !f[3].matches("\\d{1,9}")) {
                throw new ToolException(module + "/" + FILE + " line " + (i + 1) + " is not \"class points hint wrong contract...\": " + lines.get(i).strip());
            }
            out.add(new Entry(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]), List.of(Arrays.copyOfRange(f, 4, f.length))));
        }
        return new Manifest(module, List.copyOf(out));
    }

    Entry entry(String name) {
        return exercises.stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new ToolException(name + " is not in " + module + "/" + FILE));
    }
}
