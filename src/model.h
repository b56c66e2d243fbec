/* SPDX-License-Identifier: GPL-2.0-or-later
 * model.h - the plain data that flows from the sampler to the model and the
 * views: one system snapshot and one row per process. No I/O here.
 * Units are in the names: _kb (KiB), _pages (base pages), _ticks (clock ticks).
 */
#ifndef OOMTOP_MODEL_H
#define OOMTOP_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* A figure the system may not provide (no swap line, no /proc/sys access). */
#define VALUE_MISSING (-1LL)

/* oom_score_adj's range (include/uapi/linux/oom.h): at the minimum the OOM
 * killer never picks the process, at the maximum it picks it first. */
#define OOM_SCORE_ADJ_MIN (-1000)
#define OOM_SCORE_ADJ_MAX 1000

enum OvercommitMode {
    OVERCOMMIT_GUESS = 0,   /* heuristic */
    OVERCOMMIT_ALWAYS = 1,
    OVERCOMMIT_NEVER = 2,   /* strict: CommitLimit is enforced */
};

/* /proc/meminfo figures, in KiB; VALUE_MISSING where the line is absent. */
typedef struct MemInfo {
    long long mem_total_kb;
    long long mem_free_kb;
    long long mem_available_kb;
    long long buffers_kb;
    long long cached_kb;
    long long swap_total_kb;
    long long swap_free_kb;
    long long shmem_kb;
    long long hugetlb_kb;
    long long committed_as_kb;
    long long commit_limit_kb;
} MemInfo;

/* /proc/sys/vm settings; VALUE_MISSING where unreadable (containers). */
typedef struct VmPolicy {
    long long overcommit_memory;     /* enum OvercommitMode */
    long long overcommit_ratio;      /* percent */
    long long overcommit_kbytes;     /* 0 = the ratio is in force */
    long long admin_reserve_kbytes;
    long long user_reserve_kbytes;
} VmPolicy;

enum ProcFlags {
    PROC_KTHREAD = 1u << 0,     /* PF_KTHREAD: no mm, never an OOM victim */
    PROC_ZOMBIE = 1u << 1,
    PROC_HAS_MM = 1u << 2,      /* status had Vm* lines */
    PROC_OOM_SCORE_OK = 1u << 3,
    PROC_OOM_ADJ_OK = 1u << 4,
    PROC_NICE_OK = 1u << 5,
    PROC_IN_VFORK = 1u << 6,    /* vfork child sharing its parent's mm */
    PROC_KERNEL_SKIPS = 1u << 7,    /* oom_score 0 that is no rounding (badness.c) */
    PROC_SCORE_DRIFT = 1u << 8,     /* oom_score off the prediction by no more than
                                       the kernel's RSS counter drift (badness.c) */
};

#define PROC_COMM_MAX 64        /* sanitised comm: 15 raw bytes may grow */
#define PROC_USER_MAX 33

/* /proc/vmstat counters (cumulative since boot); VALUE_MISSING if absent. */
typedef struct VmStat {
    long long oom_kill;
    long long pswpin;
    long long pswpout;
    long long pgmajfault;
} VmStat;

/* /proc/pressure/memory; `available` is false without PSI (never shown as 0). */
typedef struct Pressure {
    bool available;
    double some_avg10, some_avg60, some_avg300;
    double full_avg10, full_avg60, full_avg300;
    unsigned long long some_total_us, full_total_us;
} Pressure;

/* One process as sampled, strings already sanitised (no control bytes). */
typedef struct ProcSample {
    pid_t pid;
    pid_t ppid;
    uid_t uid;
    unsigned flags;                 /* enum ProcFlags */
    unsigned long long start_ticks; /* /proc/PID/stat field 22: identity */
    char state;                     /* R S D Z T ... */
    int nice;
    int threads;
    long long vm_size_kb;           /* VIRT */
    long long vm_rss_kb;            /* RES */
    long long rss_anon_kb;
    long long rss_file_kb;
    long long rss_shmem_kb;         /* SHR = rss_file_kb + rss_shmem_kb */
    long long vm_swap_kb;           /* SWAP */
    long long vm_pte_kb;
    int oom_score;                  /* the kernel's /proc/PID/oom_score */
    int oom_score_adj;
    char comm[PROC_COMM_MAX];
    char user[PROC_USER_MAX];
    const char *cmdline;            /* sanitised; NULL unless requested; owned by the sampler */

    /* Filled by the model (badness.c), not the sampler. */
    long long badness_pages;        /* oom_badness(); meaningful if eligible */
    bool oom_eligible;
    int oom_rank;                   /* 1 = next victim, 0 = not eligible */
    int oom_score_predicted;

    /* Filled by cgroup_attach() (cgroup.h, memcg.h), not the sampler. */
    const struct MemcgInfo *memcg;  /* its memory cgroup; NULL if unknown; owned by the CgroupReader */
    int oom_rank_in_memcg;          /* 1 = first victim of an OOM in memcg->domain; 0 = no limited domain */
    long long memcg_badness_pages;  /* oom_badness() with the domain's totalpages; 0 if none */

    /* Read only while a shown column or the sort needs it (SAMPLE_PSS);
     * VALUE_MISSING otherwise. KiB. */
    long long pss_kb;
} ProcSample;

/* One refresh of the whole system. The process array is owned and reused
 * by the sampler across refreshes (no allocation per refresh once warm). */
typedef struct Snapshot {
    time_t wall_time;
    double uptime_s;
    double loadavg[3];
    long page_kb;                   /* sysconf(_SC_PAGESIZE) / 1024 */
    MemInfo mem;
    VmPolicy policy;
    VmStat vmstat;
    Pressure pressure;
    ProcSample *procs;
    size_t nprocs;
    size_t procs_cap;
    size_t ntasks_total;            /* every /proc entry, kernel threads included */
    long long rss_drift_pages;      /* how far the kernel's own reads of RSS may be off
                                       the exact figures /proc shows (sample_proc.c) */
} Snapshot;

static inline long long proc_shr_kb(const ProcSample *p)
{
    return p->rss_file_kb + p->rss_shmem_kb;
}

/* The process has an address space of its own to measure, share or
 * simulate: kernel threads have none, a zombie's is gone. */
static inline bool proc_has_own_mm(const ProcSample *p)
{
    return (p->flags & PROC_HAS_MM) && !(p->flags & (PROC_KTHREAD | PROC_ZOMBIE));
}

#endif
