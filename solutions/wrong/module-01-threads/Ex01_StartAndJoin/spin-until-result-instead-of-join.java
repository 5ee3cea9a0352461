// Wrong: waits for the holder to fill instead of join(): hangs on a null result and returns while the thread still runs
// Caught by: nullIsAResultToo
package course.threads;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

public final class Ex01_StartAndJoin {

    private Ex01_StartAndJoin() {
    }

    public static <T> T computeOnNewThread(Supplier<T> work) throws InterruptedException {
        return computeOnNewThreads(List.of(work)).getFirst();
    }

    public static <T> List<T> computeOnNewThreads(List<Supplier<T>> works) throws InterruptedException {
        AtomicReferenceArray<T> slots = new AtomicReferenceArray<>(works.size());
        for (int i = 0; i < works.size(); i++) {
            int slot = i;
            Thread.ofPlatform().start(() -> slots.set(slot, works.get(slot).get()));
        }
        List<T> results = new ArrayList<>();
        for (int i = 0; i < works.size(); i++) {
            while (slots.get(i) == null) {                        // "done" means "the slot is filled"
                Thread.onSpinWait();
            }
            results.add(slots.get(i));
        }
        return Arrays.asList(results.toArray(Ex01_StartAndJoin.<T>newArray(results.size())));
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] newArray(int size) {
        return (T[]) new Object[size];
    }
}
