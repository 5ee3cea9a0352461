package course.benchmarks.harness;

/**
 * The scale probe's answer for one model ({@link ScaleProbe}): units waiting at once when it
 * stopped, why it stopped, and what each unit added, in bytes (-1 where unknown): live heap
 * after GC; native thread memory as Native Memory Tracking counts it (the "Thread" category, with
 * the stacks' touched pages as its "stack" part); resident memory (VmRSS, this JVM); and the
 * kernel's own stack memory (KernelStack in /proc/meminfo: machine-wide, so other processes'
 * threads come and go in it). {@code stackDepth}: frames on a waiting unit's stack (-1: no stack).
 */
public record ScaleResult(String model, int cap, int reached, String stoppedBy, int unitsMeasured,
                          long heapPerUnit, long nmtThreadPerUnit, long nmtStackPerUnit, long rssPerUnit,
                          long kernelStackPerUnit, int stackDepth) {

    public boolean hitCap() {
        return stoppedBy.equals("cap");
    }
}
