import java.io.File;
import java.util.Arrays;
import java.util.List;

/**
 * Starts a sample that uses a JDK 25 preview API (java --enable-preview --source 25 FILE) when
 * this JVM is a JDK 25, and otherwise prints one line saying why it is skipped. Preview APIs
 * change between releases, so a sample written for 25 is only run on 25. Written in plain Java 11
 * so that any JDK can run it: java samples/RunPreviewSample.java samples/StructuredFanOut.java
 */
public class RunPreviewSample {

    static final int PREVIEW_RELEASE = 25;

    public static void main(String[] args) throws Exception {
        String sample = args[0];
        int feature = Runtime.version().feature();
        if (feature != PREVIEW_RELEASE) {
            System.out.println("Skipped " + new File(sample).getName() + ": it uses StructuredTaskScope, a preview API in JDK "
                + PREVIEW_RELEASE + " whose shape changes between releases, and this is JDK " + feature + ".");
            return;
        }
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = Arrays.asList(java, "--enable-preview", "--source", String.valueOf(PREVIEW_RELEASE), sample);
        Process process = new ProcessBuilder(command).inheritIO().start();
        System.exit(process.waitFor());
    }
}
