package course.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A command's arguments: options with a value ({@code --out DIR} or {@code --out=DIR}), flags
 * ({@code --force}), and the positional words in between. Every mistake is a {@link ToolException}
 * that names the option, so Course prints one line and what to type instead.
 */
final class Args {

    /** An option as given, in command-line order; {@code value} is null for a flag. */
    record Option(String name, String value) {
    }

    private final List<Option> options;
    private final List<String> positionals;

    private Args(List<Option> options, List<String> positionals) {
        this.options = options;
        this.positionals = positionals;
    }

    /** Parses {@code raw}: {@code valued} are the options that take a value, {@code flags} those that do not. */
    static Args parse(List<String> raw, Set<String> valued, Set<String> flags) {
        List<Option> options = new ArrayList<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i);
            if (!a.startsWith("--")) {
                positionals.add(a);
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a;
            if (valued.contains(name)) {
                String value = eq > 0 ? a.substring(eq + 1) : i + 1 < raw.size() && !raw.get(i + 1).startsWith("--") ? raw.get(++i) : null;
                if (value == null || value.isBlank()) throw new ToolException(name + " needs a value");
                options.add(new Option(name, value));
            } else if (flags.contains(name) && eq < 0) {
                options.add(new Option(name, null));
            } else if (flags.contains(name)) {
                throw new ToolException(name + " takes no value (got " + a + ")");
            } else {
                List<String> known = new ArrayList<>(valued);
                known.addAll(flags);
                known.sort(null);
                throw new ToolException("unknown option " + name + (known.isEmpty() ? " (this command takes none)" : " (known: " + String.join(", ", known) + ")"));
            }
        }
        return new Args(List.copyOf(options), List.copyOf(positionals));
    }

    /** Parses {@code raw} for a command with flags only. */
    static Args flags(List<String> raw, String... flags) {
        return parse(raw, Set.of(), Set.of(flags));
    }

    /** The words that are not options, in order. */
    List<String> positionals() {
        return positionals;
    }

    /** The options in command-line order (for a command where their order matters). */
    List<Option> options() {
        return options;
    }

    boolean flag(String name) {
        return options.stream().anyMatch(o -> o.name().equals(name));
    }

    /** The option's last value, or {@code fallback}. */
    String value(String name, String fallback) {
        return options.stream().filter(o -> o.name().equals(name)).map(Option::value).reduce((a, b) -> b).orElse(fallback);
    }

    /** The option's value as a whole number from {@code min} to {@code max}, or {@code fallback} when not given. */
    int number(String name, int fallback, int min, int max) {
        String v = value(name, null);
        if (v == null) return fallback;
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // said below, with the range
        }
        throw new ToolException(name + " takes a whole number " + (max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max) + ", got " + v);
    }

    /** Refuses positional words beyond {@code max}. */
    Args atMost(int max, String what) {
        if (positionals.size() > max) throw new ToolException("too many words: " + String.join(" ", positionals) + " (" + what + ")");
        return this;
    }
}
