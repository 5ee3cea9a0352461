package course.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * One of N deterministic slices of a class: entry k (0-based, in roster or folder order) belongs to
 * shard (k mod N) + 1. Every entry is in exactly one shard, and the slices differ in size by at most one.
 */
record Shard(int index, int count) {

    static final Shard ALL = new Shard(1, 1);

    Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new ToolException("--shard I/N needs 1 <= I <= N, got " + index + "/" + count);
        }
    }

    static Shard parse(String text) {
        String[] parts = text.strip().split("/");
        if (parts.length != 2) throw new ToolException("--shard takes I/N, e.g. 2/3; got " + text);
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new ToolException("--shard takes I/N, e.g. 2/3; got " + text);
        }
    }

    <T> List<T> slice(List<T> all) {
        List<T> mine = new ArrayList<>();
        for (int k = index - 1; k < all.size(); k += count) mine.add(all.get(k));
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
