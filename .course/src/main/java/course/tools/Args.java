package course.tools;

import java.util.*;
import java.util.stream.Stream;

/**
 * A command's arguments: options with a value ({@code --out DIR} or {@code --out=DIR}), flags ({@code --force})
 * and the positional words in between. Every mistake is a ToolException that names the option.
 */
record Args(List<Option> options, List<String> positionals) {

    /** An option as given, in command-line order; {@code value} is null for a flag. */
    record Option(String name, String value) {}

    /** Parses {@code raw}: {@code valued} are the options that take a value, {@code flags} those that do not. */
    static Args parse(List<String> raw, Set<String> valued, Set<String> flags) {
        List<Option> options = new ArrayList<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i);
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            if (!a.startsWith("--")) {
                positionals.add(a);
            } else if (valued.contains(name)) {
                String value = eq > 0 ? a.substring(eq + 1) : i + 1 < raw.size() && !raw.get(i + 1).startsWith("--") ? raw.get(++i) : null;
                if (value == null || value.isBlank()) throw new ToolException(name + " needs a value");
                options.add(new Option(name, value));
            } else if (flags.contains(name)) {
                if (eq > 0) throw new ToolException(name + " takes no value (got " + a + ")");
                options.add(new Option(name, null));
            } else {
                List<String> known = Stream.concat(valued.stream(), flags.stream()).sorted().toList();
                throw new ToolException("unknown option " + name + (known.isEmpty() ? " (this command takes none)" : " (known: " + String.join(", ", known) + ")"));
            }
        }
        return new Args(List.copyOf(options), List.copyOf(positionals));
    }

    static Args flags(List<String> raw, String... flags) { return parse(raw, Set.of(), Set.of(flags)); }
    boolean flag(String name) { return options.stream().anyMatch(o -> o.name().equals(name)); }

    /** The option's last value, or {@code fallback}. */
    String value(String name, String fallback) {
        return options.stream().filter(o -> o.name().equals(name)).map(Option::value).reduce((a, b) -> b).orElse(fallback);
    }

    /** The option's value as a whole number from {@code min} to {@code max}, or {@code fallback} when not given. */
    int number(String name, int fallback, int min, int max) {
        String v = value(name, null);
        if (v == null) return fallback;
        Integer n = v.strip().matches("[-+]?\\d{1,9}") ? Integer.valueOf(v.strip()) : null;
        if (n != null && n >= min && n <= max) return n;
        throw new ToolException(name + " takes a whole number " + (max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max) + ", got " + v);
    }

    Args atMost(int max, String what) {
        if (positionals.size() > max) throw new ToolException("too many words: " + String.join(" ", positionals) + " (" + what + ")");
        return this;
    }
}
