/* SPDX-License-Identifier: GPL-2.0-or-later
 * privops.h - every write oomtop makes to the system (oom_score_adj, nice,
 * signals, systemd drop-ins) behind one function table: the real one, or a
 * refusing one for --readonly. Each write re-checks the process identity
 * first, is logged through audit.h, and explains a refusal in one sentence.
 */
#ifndef OOMTOP_PRIVOPS_H
#define OOMTOP_PRIVOPS_H

#include <stdbool.h>
#include <stddef.h>

#include "audit.h"
#include "dropin.h"
#include "procid.h"

/* Where actions look and where their records go. */
typedef struct PrivCtx {
    int proc_fd;            /* directory fd of the proc root ("/proc") */
    AuditSink audit;        /* NULL = syslog */
    void *audit_arg;
} PrivCtx;

/* Outcome of a renice, thread by thread. */
typedef struct ReniceResult {
    int old_nice;           /* of the main thread before the change */
    int changed;            /* threads now at the new nice */
    int total;              /* threads that existed while we walked them */
} ReniceResult;

/* Every function returns 0 when the whole change was made, or -1; `msg`
 * always receives one sentence for the status line: what was done, or why
 * not (and, for a partial renice, how far it got). Nothing is written to a
 * process whose identity no longer matches `id`. */
typedef struct PrivOps {
    const char *name;       /* "real", "read-only" */
    const char *refusal;    /* why every op is refused (read-only), else NULL */

    /* Sets oom_score_adj (-1000..1000, checked before any I/O); *old_adj
     * (may be NULL) receives the value read just before the write. */
    int (*set_oom_adj)(const PrivCtx *ctx, const ProcId *id, int adj, int *old_adj,
                       char *msg, size_t msglen);

    /* Sets the nice (-20..19) of every thread of the process. */
    int (*renice)(const PrivCtx *ctx, const ProcId *id, int nice, ReniceResult *res,
                  char *msg, size_t msglen);

    /* Sends `sig` through a pidfd so a recycled pid is never signalled. */
    int (*kill)(const PrivCtx *ctx, const ProcId *id, int sig, char *msg, size_t msglen);

    /* Writes a drop-in planned by dropin_plan() under its root, atomically. */
    int (*write_dropin)(const PrivCtx *ctx, const ProcId *id, const DropInPlan *plan,
                        char *msg, size_t msglen);
} PrivOps;

/* The table that really writes. */
const PrivOps *privops_real(void);

/* The --readonly table: every call fails with
 * "read-only mode: actions are disabled" and touches nothing. */
const PrivOps *privops_readonly(void);

/* Opens the proc root ("/proc"; a temp tree in tests) into ctx, audit to
 * syslog. Returns 0, or -1 with a sentence in err. */
int privctx_open(PrivCtx *ctx, const char *proc_root, char *err, size_t errlen);

/* Closes the proc root fd; ctx may be closed twice. */
void privctx_close(PrivCtx *ctx);

/* Capability numbers (linux/capability.h) for privops_have_cap(). */
#define PRIVOPS_CAP_DAC_OVERRIDE 1
#define PRIVOPS_CAP_KILL 5
#define PRIVOPS_CAP_IPC_LOCK 14
#define PRIVOPS_CAP_SYS_NICE 23
#define PRIVOPS_CAP_SYS_RESOURCE 24

/* True if this process has capability `cap` (PRIVOPS_CAP_*) in its
 * effective set (/proc/self/status CapEff). */
bool privops_have_cap(int cap);

#endif
