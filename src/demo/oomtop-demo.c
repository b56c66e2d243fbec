/* SPDX-License-Identifier: GPL-2.0-or-later
 * oomtop-demo - replays the classic overcommit experiments one key press at
 * a time, so that a class can watch each step in oomtop: untouched and
 * touched memory, fork, thread stacks, MAP_NORESERVE, a shared memfd, and
 * oom_score_adj. Bounded by default; frees everything on exit or signal.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "demo_probe.h"
#include "smaps.h"

#define DEFAULT_MIB 256
#define DEFAULT_THREADS 4
#define MAX_THREADS 256
#define RAISED_ADJ 500

typedef struct Demo {
    size_t size;                    /* bytes of each block */
    int nthreads;
    bool step_all;
    char *block;                    /* private anonymous, untouched then touched */
    pid_t child;
    pthread_t threads[MAX_THREADS];
    int started;
    int park[2];                    /* threads block reading this until it closes */
    char *noreserve;
    int memfd;
    char *shared;
    bool tty;
    struct termios saved_tty;
} Demo;

/* One experiment: what to watch, the work, and the charge it should add. */
typedef struct Step {
    const char *title;
    const char *watch;
    int (*run)(Demo *d, long long *expect_kb);
} Step;

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

static long long block_kb(const Demo *d)
{
    return (long long)(d->size / 1024);
}

static int step_alloc(Demo *d, long long *expect_kb)
{
    d->block = mmap(NULL, d->size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (d->block == MAP_FAILED) {
        d->block = NULL;
        return -1;
    }
    *expect_kb = block_kb(d);
    return 0;
}

static int step_touch(Demo *d, long long *expect_kb)
{
    if (!d->block) {
        errno = ENOMEM;
        return -1;
    }
    /* Non-zero bytes: reading alone would map the shared zero page. */
    memset(d->block, 0x5a, d->size);
    *expect_kb = 0;
    return 0;
}

static int step_fork(Demo *d, long long *expect_kb)
{
    SmapsSums sums;

    /* fork() charges every ac mapping again (dup_mmap), dc ones excepted. */
    *expect_kb = smaps_read("/proc", getpid(), &sums) == 0 ? sums.fork_cost_kb : VALUE_MISSING;
    d->child = fork();
    if (d->child < 0) {
        d->child = 0;
        return -1;
    }
    if (d->child == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        for (;;)
            pause();
    }
    return 0;
}

static void *parked_thread(void *arg)
{
    char c;
    Demo *d = arg;

    while (read(d->park[0], &c, 1) > 0)
        ;
    return NULL;
}

static int step_threads(Demo *d, long long *expect_kb)
{
    pthread_attr_t attr;
    size_t stack = 0;

    if (pthread_getattr_default_np(&attr) == 0) {
        pthread_attr_getstacksize(&attr, &stack);
        pthread_attr_destroy(&attr);
    }
    *expect_kb = (long long)(stack / 1024) * d->nthreads;
    if (pipe(d->park) < 0)
        return -1;
    for (; d->started < d->nthreads; d->started++) {
        int err = pthread_create(&d->threads[d->started], NULL, parked_thread, d);
        if (err) {
            errno = err;
            return -1;
        }
    }
    return 0;
}

static int step_noreserve(Demo *d, long long *expect_kb)
{
    d->noreserve = mmap(NULL, d->size, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (d->noreserve == MAP_FAILED) {
        d->noreserve = NULL;
        return -1;
    }
    /* Honoured only while overcommit is allowed (modes 0 and 1). */
    *expect_kb = probe_overcommit_mode() == 2 ? block_kb(d) : 0;
    return 0;
}

static int step_memfd(Demo *d, long long *expect_kb)
{
    d->memfd = memfd_create("oomtop-demo", MFD_CLOEXEC);
    if (d->memfd < 0 || ftruncate(d->memfd, (off_t)d->size) < 0)
        return -1;
    d->shared = mmap(NULL, d->size, PROT_READ | PROT_WRITE, MAP_SHARED, d->memfd, 0);
    if (d->shared == MAP_FAILED) {
        d->shared = NULL;
        return -1;
    }
    /* tmpfs pages are charged one by one as they are written. */
    memset(d->shared, 0x5a, d->size);
    *expect_kb = block_kb(d);
    return 0;
}

static int step_adj(Demo *d, long long *expect_kb)
{
    (void)d;
    *expect_kb = 0;
    return probe_set_own_adj(probe_own_adj() >= RAISED_ADJ ? 1000 : RAISED_ADJ);
}

static const Step steps[] = {
    { "Allocate the block without touching it (private anonymous, read-write)",
      "VIRT and Committed_AS grow by the size; RES does not.", step_alloc },
    { "Touch every page of the block",
      "RES grows by the size; Committed_AS does not move (it was charged at mmap).", step_touch },
    { "fork() a child that just sleeps",
      "Committed_AS grows by this process's private writable memory again, though the "
      "child shares its pages (copy-on-write): in mode 2 this is the fork that fails.",
      step_fork },
    { "Start threads that just wait",
      "Committed_AS grows by one full stack per thread; VIRT too; RES hardly.", step_threads },
    { "Map the same size again with MAP_NORESERVE",
      "VIRT grows, Committed_AS does not (modes 0 and 1): the charge mode 2 would add.",
      step_noreserve },
    { "Write the size into a shared memfd",
      "SHR (and RES) grow by the size; Committed_AS too, page by page (tmpfs).", step_memfd },
    { "Raise its own oom_score_adj",
      "oom_score jumps and this process becomes the next OOM victim (RANK 1).", step_adj },
};

#define NSTEPS (sizeof steps / sizeof steps[0])

static void print_delta(const char *name, long long before, long long after)
{
    if (before < 0 || after < 0)
        printf(", %s ?", name);
    else
        printf(", %s %+lld kB", name, after - before);
}

static void run_step(Demo *d, size_t i)
{
    const Step *s = &steps[i];
    Gauge before, after;
    long long expect = 0;

    printf("\n[%zu/%zu] %s\n      Watch: %s\n", i + 1, NSTEPS, s->title, s->watch);
    probe_gauge(&before);
    int rc = s->run(d, &expect);
    int err = errno;
    probe_gauge(&after);
    if (rc < 0)
        printf("      Failed: %s%s\n", strerror(err),
               err == ENOMEM && probe_overcommit_mode() == 2
                   ? " (the mode-2 commit limit refused it)" : "");
    printf("      Measured: Committed_AS %+lld kB", after.committed_kb - before.committed_kb);
    if (expect >= 0 && rc == 0)
        printf(" (expected %+lld kB)", expect);
    print_delta("VIRT", before.virt_kb, after.virt_kb);
    print_delta("RES", before.res_kb, after.res_kb);
    print_delta("SHR", before.shr_kb, after.shr_kb);
    if (s->run == step_fork && d->child > 0)
        printf(", child pid %d", (int)d->child);
    if (s->run == step_adj)
        printf(", oom_score_adj %d, oom_score %d", probe_own_adj(), probe_own_score());
    printf("\n");
    fflush(stdout);
}

/* Next key: 1 = next step, 0 = quit (q, end of input or a signal). */
static int wait_key(void)
{
    printf("      [Enter/space: next step, q: quit]\n");
    fflush(stdout);
    for (;;) {
        char c;
        ssize_t n = read(STDIN_FILENO, &c, 1);
        if (got_signal || n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return 0;
        }
        if (c == 'q' || c == 'Q')
            return 0;
        if (c == '\n' || c == '\r' || c == ' ')
            return 1;
    }
}

static void release(Demo *d)
{
    if (d->child > 0) {
        kill(d->child, SIGKILL);
        waitpid(d->child, NULL, 0);
        d->child = 0;
    }
    if (d->started > 0) {
        close(d->park[1]);
        for (int i = 0; i < d->started; i++)
            pthread_join(d->threads[i], NULL);
        close(d->park[0]);
        d->started = 0;
    }
    if (d->shared)
        munmap(d->shared, d->size);
    if (d->memfd >= 0)
        close(d->memfd);
    if (d->noreserve)
        munmap(d->noreserve, d->size);
    if (d->block)
        munmap(d->block, d->size);
    d->shared = d->noreserve = d->block = NULL;
    d->memfd = -1;
    if (d->tty)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &d->saved_tty);
}

static void install_signals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;      /* no SA_RESTART: a blocked read returns */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL);
}

/* Keys without Enter on a terminal; ^C still raises SIGINT. */
static void raw_keys(Demo *d)
{
    struct termios t;

    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &d->saved_tty) < 0)
        return;
    t = d->saved_tty;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_cc[VMIN] = 1;
    t.c_cc[VTIME] = 0;
    d->tty = tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0;
}

static const char usage_text[] =
    "Usage: oomtop-demo [--size MIB] [--threads N] [--force] [--step-all]\n"
    "Replays overcommit experiments one key press at a time; watch this\n"
    "process in oomtop in another terminal.\n"
    "  -s, --size MIB      size of each block (default 256)\n"
    "  -t, --threads N     threads to start, 0..256 (default 4)\n"
    "  -f, --force         allow sizes above half of MemAvailable\n"
    "  -a, --step-all      run every step without waiting for keys\n"
    "  -h, --help          this help\n"
    "  -V, --version       version\n"
    "Keys: Enter or space = next step, q = quit. Everything is freed on exit.\n";

static bool parse_count(const char *s, long long lo, long long hi, long long *out)
{
    char *end;

    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = v;
    return true;
}

static int bad_option(const char *msg, const char *value)
{
    fprintf(stderr, "oomtop-demo: %s%s%s\n", msg, value ? ": " : "", value ? value : "");
    return 2;
}

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, Demo *d, bool *force)
{
    static const struct option longopts[] = {
        { "size", required_argument, NULL, 's' }, { "threads", required_argument, NULL, 't' },
        { "force", no_argument, NULL, 'f' }, { "step-all", no_argument, NULL, 'a' },
        { "help", no_argument, NULL, 'h' }, { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    long long v;
    int c;

    opterr = 0;
    while ((c = getopt_long(argc, argv, ":s:t:fahV", longopts, NULL)) != -1) {
        switch (c) {
        case 's':
            if (!parse_count(optarg, 1, 1LL << 30, &v))
                return bad_option("--size wants a whole number of MiB, at least 1", optarg);
            d->size = (size_t)v << 20;
            break;
        case 't':
            if (!parse_count(optarg, 0, MAX_THREADS, &v))
                return bad_option("--threads wants a number from 0 to 256", optarg);
            d->nthreads = (int)v;
            break;
        case 'f': *force = true; break;
        case 'a': d->step_all = true; break;
        case 'h': fputs(usage_text, stdout); return 0;
        case 'V': printf("oomtop-demo %s\n", PACKAGE_VERSION); return 0;
        case ':': return bad_option("missing value for", argv[optind - 1]);
        default: return bad_option("unknown option (try --help)", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return bad_option("unexpected argument", argv[optind]);
    return -1;
}

/* It makes the block and the memfd resident at once: keep both within half
 * of what the kernel says is available. */
static int check_size(const Demo *d, bool force)
{
    long long avail = probe_mem_available_kb();
    long long need = 2 * block_kb(d);

    if (force || avail < 0 || need <= avail / 2)
        return -1;
    fprintf(stderr,
            "oomtop-demo: --size %lld MiB would make %lld MiB resident, more than half of "
            "MemAvailable (%lld MiB); use a smaller size or --force\n",
            block_kb(d) / 1024, need / 1024, avail / 1024);
    return 2;
}

int main(int argc, char **argv)
{
    Demo d = { .size = (size_t)DEFAULT_MIB << 20, .nthreads = DEFAULT_THREADS, .memfd = -1 };
    bool force = false;
    int rc = parse_options(argc, argv, &d, &force);

    if (rc < 0)
        rc = check_size(&d, force);
    if (rc >= 0)
        return rc;
    install_signals();
    raw_keys(&d);
    printf("oomtop-demo: pid %d, blocks of %lld MiB, %d threads, overcommit mode %d.\n"
           "Find pid %d in oomtop in another terminal.\n",
           (int)getpid(), block_kb(&d) / 1024, d.nthreads, probe_overcommit_mode(),
           (int)getpid());
    size_t i = 0;
    for (; i < NSTEPS && !got_signal; i++) {
        if (!d.step_all && !wait_key())
            break;
        run_step(&d, i);
    }
    if (i == NSTEPS && !d.step_all && !got_signal) {
        printf("\nAll steps done; Enter, space or q frees everything and exits.\n");
        wait_key();
    }
    release(&d);
    printf("oomtop-demo: everything freed.\n");
    fflush(stdout);
    if (got_signal) {
        signal(got_signal, SIG_DFL);
        raise(got_signal);
    }
    return 0;
}
