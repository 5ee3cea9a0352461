package course.mixed.support;

import course.mixed.Ex06_JdbcOnAWorkerPool;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;

/**
 * Run by Ex06's test in a child JVM that sees another number of cores ({@code -XX:ActiveProcessorCount=3}):
 * a jdbc pool sized to the cores passes the size check on a machine that happens to have as many cores as
 * there are connections (4: a common laptop, a common CI runner), and shows up here. Prints {@code CORES n}
 * and {@code POOL n}, the size Vert.x reports for the jdbc pool after one query (-1: no such pool).
 */
public final class JdbcPoolSizeCheck {

    private JdbcPoolSizeCheck() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("CORES " + Runtime.getRuntime().availableProcessors());
        PoolWatch pools = new PoolWatch();
        Vertx vertx = pools.vertx(new VertxOptions());
        try (ProfilesDb db = new ProfilesDb()) {
            Ex06_JdbcOnAWorkerPool profiles = new Ex06_JdbcOnAWorkerPool(vertx, db.url());
            profiles.findName(1).await(10, TimeUnit.SECONDS);
            System.out.println("POOL " + pools.pool(Ex06_JdbcOnAWorkerPool.POOL_NAME).map(PoolWatch.Pool::maxSize).orElse(-1));
        } catch (Throwable failed) {
            System.out.println("FAILED " + failed);
        }
        System.out.flush();
        Runtime.getRuntime().halt(0); // threads the exercise never closed must not keep this JVM alive
    }
}
