package course.benchmarks.support;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps RxJava's computation scheduler (through {@link RxJavaPlugins}) and counts what is scheduled
 * on it: delayed tasks (a timer is one) and immediate ones (a subscribeOn is one). The tasks still
 * run on the real computation threads. {@link #install()} in a test, {@link #uninstall()} after it.
 */
public final class CountingScheduler extends Scheduler {

    private final Scheduler real;
    private final AtomicInteger delayed = new AtomicInteger();
    private final AtomicInteger immediate = new AtomicInteger();

    private CountingScheduler(Scheduler real) {
        this.real = real;
    }

    /** Makes Schedulers.computation() return a counting wrapper around the real one, until {@link #uninstall()}. */
    public static CountingScheduler install() {
        CountingScheduler[] installed = new CountingScheduler[1];
        RxJavaPlugins.setComputationSchedulerHandler(real -> {
            synchronized (installed) {
                if (installed[0] == null) {
                    installed[0] = new CountingScheduler(real);
                }
                return installed[0];
            }
        });
        io.reactivex.rxjava3.schedulers.Schedulers.computation(); // create it now
        return installed[0];
    }

    public static void uninstall() {
        RxJavaPlugins.setComputationSchedulerHandler(null);
    }

    /** Tasks scheduled with a delay (timers). */
    public int delayed() {
        return delayed.get();
    }

    /** Tasks scheduled to run now. */
    public int immediate() {
        return immediate.get();
    }

    private void count(long delay) {
        (delay > 0 ? delayed : immediate).incrementAndGet();
    }

    @Override
    public Worker createWorker() {
        Worker worker = real.createWorker();
        return new Worker() {
            @Override
            public Disposable schedule(Runnable run, long delay, TimeUnit unit) {
                count(delay);
                return worker.schedule(run, delay, unit);
            }

            @Override
            public void dispose() {
                worker.dispose();
            }

            @Override
            public boolean isDisposed() {
                return worker.isDisposed();
            }
        };
    }

    @Override
    public Disposable scheduleDirect(Runnable run, long delay, TimeUnit unit) {
        count(delay);
        return real.scheduleDirect(run, delay, unit);
    }

    @Override
    public Disposable schedulePeriodicallyDirect(Runnable run, long initialDelay, long period, TimeUnit unit) {
        return real.schedulePeriodicallyDirect(run, initialDelay, period, unit);
    }

    @Override
    public long now(TimeUnit unit) {
        return real.now(unit);
    }
}
