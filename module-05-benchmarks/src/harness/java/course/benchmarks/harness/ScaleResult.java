package course.benchmarks.harness;

/**
 * The scale probe's answer for one model: units waiting at once when it stopped, why it stopped,
 * and the resident memory each unit added (-1 where VmRSS is not available).
 */
public record ScaleResult(String model, int cap, int reached, String stoppedBy, long bytesPerUnit) {

    public boolean hitCap() {
        return stoppedBy.equals("cap");
    }
}
