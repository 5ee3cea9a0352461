package course.mixed.support;

/** CPU work of a known length, independent of how fast the machine is. */
public final class BusyCpu {

    private BusyCpu() {
    }

    /** Keeps the calling thread busy (never sleeping, never yielding) for {@code micros} microseconds. */
    public static void spin(long micros) {
        long end = System.nanoTime() + micros * 1_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
