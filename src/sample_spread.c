/* SPDX-License-Identifier: GPL-2.0-or-later
 * sample_spread.c - reading a refresh's processes on several threads.
 *
 * Only the first refresh is spread (sample.c): every process is new then,
 * so no reader closes fds it did not open and each budget share stays its
 * own. The work is almost all the kernel's (generating the files), which
 * scales with the CPUs: on 2 CPUs the first read takes about half as long.
 * Threads live for that one read; their stacks are small because
 * mlockall() locks every page of them (and glibc keeps them for reuse).
 * Whatever sample_proc_read() reaches must be safe on several threads:
 * it keeps no state outside the reader and the process's own entry
 * (text.c makes its locale once).
 */
#include "config.h"

#include "sample_spread.h"

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

#define SPREAD_MIN_PROCS 256
#define SPREAD_MAX_READERS 4
#define SPREAD_STACK (128 * 1024)
#define SPREAD_CHUNK 16

/* The processes are handed out SPREAD_CHUNK at a time, so that a reader
 * that finds cheaper processes or gets more CPU takes more of them. */
typedef struct Work {
    SpreadRangeFn *fn;
    void *ctx;
    size_t n;
    atomic_size_t next;         /* the first process not taken yet */
} Work;

typedef struct Part {
    ProcReader rd;
    Work *work;
    pthread_t thread;
    bool running;
} Part;

static size_t usable_cpus(void)
{
    cpu_set_t set;

    if (sched_getaffinity(0, sizeof set, &set) == 0)
        return (size_t)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (size_t)n : 1;
}

size_t sample_spread_readers(size_t n)
{
    size_t readers = usable_cpus();

    if (readers > SPREAD_MAX_READERS)
        readers = SPREAD_MAX_READERS;
    if (readers > n / SPREAD_MIN_PROCS)
        readers = n / SPREAD_MIN_PROCS;
    return readers > 1 ? readers : 1;
}

/* Reads chunks with r until none is left. */
static void take_chunks(Work *w, ProcReader *r)
{
    size_t from;

    while ((from = atomic_fetch_add(&w->next, SPREAD_CHUNK)) < w->n)
        w->fn(w->ctx, r, from, w->n - from > SPREAD_CHUNK ? from + SPREAD_CHUNK : w->n);
}

static void *read_part(void *arg)
{
    Part *p = arg;

    take_chunks(p->work, &p->rd);
    return NULL;
}

/* Starts part p's thread; false if it could not be started. Signals sent
 * to the process are blocked in it, so that their handlers run on the main
 * thread; a fault in it still reaches the handler that restores the
 * terminal. */
static bool start_part(Part *p)
{
    static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS };
    pthread_attr_t attr;
    sigset_t async, old;
    size_t stack = SPREAD_STACK > PTHREAD_STACK_MIN ? SPREAD_STACK : PTHREAD_STACK_MIN;

    if (pthread_attr_init(&attr) != 0)
        return false;
    pthread_attr_setstacksize(&attr, stack);
    sigfillset(&async);
    for (size_t i = 0; i < sizeof faults / sizeof *faults; i++)
        sigdelset(&async, faults[i]);
    pthread_sigmask(SIG_BLOCK, &async, &old);
    p->running = pthread_create(&p->thread, &attr, read_part, p) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    return p->running;
}

/* While a second thread exists, each growth of the fd table waits for an
 * RCU grace period (expand_fdtable()), milliseconds each, and the held fds
 * grow it several times: grow it once, before the threads start, to hold
 * at most three fds per process (oom_score_adj, statm or status, and
 * oom_score where it is read on every refresh) within the budget. The
 * fds it is sized for are numbered from the lowest free. */
static void grow_fd_table(const ProcReader *r, size_t n)
{
    const PidFileBudget *b = &r->budget;
    size_t room = b->max_held > b->held ? b->max_held - b->held : 0;
    size_t want = 3 * n < room ? 3 * n : room;

    if (want > INT_MAX - 256)
        return;
    int fd = fcntl(r->proc_fd, F_DUPFD_CLOEXEC, (int)want + 64);
    if (fd >= 0)
        close(fd);
}

size_t sample_spread(ProcReader *r, size_t n, size_t readers, SpreadRangeFn *fn, void *ctx)
{
    Work work = { .fn = fn, .ctx = ctx, .n = n };
    Part *parts = readers > 1 ? calloc(readers - 1, sizeof *parts) : NULL;
    size_t used = 1;

    if (!parts) {               /* one reader, or no memory for more */
        fn(ctx, r, 0, n);
        return 1;
    }
    atomic_init(&work.next, 0);
    grow_fd_table(r, n);
    for (size_t k = 1; k < readers; k++) {
        Part *p = &parts[k - 1];
        p->rd = *r;             /* the figures a read needs */
        p->rd.users = NULL;
        pidfiles_budget_share(&r->budget, readers - k + 1, &p->rd.budget);
        p->work = &work;
        if (start_part(p))
            used++;
        else            /* its share is this thread's again */
            pidfiles_budget_return(&r->budget, &p->rd.budget);
    }
    take_chunks(&work, r);      /* all of them if no thread started */
    for (size_t k = 1; k < readers; k++) {
        if (!parts[k - 1].running)
            continue;
        pthread_join(parts[k - 1].thread, NULL);
        pidfiles_budget_return(&r->budget, &parts[k - 1].rd.budget);
    }
    free(parts);
    return used;
}
