/*
 * The spawn scenario without a JVM: create 1,000 POSIX threads that each return their id, then
 * join them all, like Ex01 and like std::thread::spawn in the published benchmark [A]. Prints the
 * median of 50 calls, per unit, so you can see how much of a platform thread's cost is the
 * machine (the kernel and libc) and how much the JVM adds on top (compare with the spawn table's
 * us/unit for "platform thread per unit").
 *
 *   cc -O2 -pthread -o /tmp/spawn_join module-05-benchmarks/demos/spawn_join.c && /tmp/spawn_join
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define UNITS 1000
#define CALLS 50

static void *unit(void *id) { return id; }

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(void) {
    static pthread_t threads[UNITS];
    double calls[CALLS];
    for (int call = 0; call < CALLS; call++) {
        double start = now_us();
        for (intptr_t id = 0; id < UNITS; id++) {
            if (pthread_create(&threads[id], NULL, unit, (void *) id) != 0) {
                perror("pthread_create");
                return 1;
            }
        }
        intptr_t sum = 0;
        for (int id = 0; id < UNITS; id++) {
            void *result;
            pthread_join(threads[id], &result);
            sum += (intptr_t) result;
        }
        calls[call] = now_us() - start;
        if (sum != (intptr_t) UNITS * (UNITS - 1) / 2) {
            return 2;
        }
    }
    qsort(calls, CALLS, sizeof calls[0], by_value);
    printf("pthread_create + join, %d threads: median %.2f ms per call, %.1f us per unit (%d calls)\n",
           UNITS, calls[CALLS / 2] / 1e3, calls[CALLS / 2] / UNITS, CALLS);
    return 0;
}
