// Wrong: half-repair: every call but the first is unordered; the first keeps the default, so two fan-outs from one handler queue behind each other
// Caught by: twoFanOutsFromOneHandlerOverlap
package course.pitfalls.eventloop;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

public final class Ex06_OrderedBlocking {

    private Ex06_OrderedBlocking() {}

    public static Future<List<String>> callAll(Vertx vertx, List<Callable<String>> calls) {
        List<Future<String>> replies = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            // The first call "keeps its place in line"; the others may overlap it.
            replies.add(vertx.executeBlocking(calls.get(i), i == 0));
        }
        return Future.all(replies).map(all -> all.<String>list());
    }
}
