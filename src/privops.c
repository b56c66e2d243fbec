/* SPDX-License-Identifier: GPL-2.0-or-later
 * privops.c - the writes: oom_score_adj, renice of every thread, signals and
 * drop-ins. Each goes through a /proc/PID directory fd that was checked to
 * be the chosen process, so a recycled pid is never touched.
 */
#include "config.h"

#include "privops.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "procfs.h"
#include "text.h"


#define LABEL_MAX (PROC_COMM_MAX + 32)

static const char readonly_msg[] = "read-only mode: actions are disabled";

bool privops_have_cap(int cap)
{
    char line[256];
    bool have = false;
    FILE *f = fopen("/proc/self/status", "re");

    if (!f)
        return false;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, "CapEff:", 7) == 0) {
            unsigned long long mask = strtoull(line + 7, NULL, 16);
            have = (mask >> cap) & 1u;
            break;
        }
    }
    fclose(f);
    return have;
}

int privctx_open(PrivCtx *ctx, const char *proc_root, char *err, size_t errlen)
{
    ctx->audit = NULL;
    ctx->audit_arg = NULL;
    ctx->proc_fd = open(proc_root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (ctx->proc_fd < 0) {
        snprintf(err, errlen, "cannot open %s: %s", proc_root, strerror(errno));
        return -1;
    }
    return 0;
}

void privctx_close(PrivCtx *ctx)
{
    if (ctx->proc_fd >= 0)
        close(ctx->proc_fd);
    ctx->proc_fd = -1;
}

/* "uid 1000 (alice)", the name sanitised. */
static const char *uid_label(uid_t uid, char *buf, size_t len)
{
    struct passwd pw, *res = NULL;
    char scratch[1024], name[PROC_USER_MAX];

    if (getpwuid_r(uid, &pw, scratch, sizeof scratch, &res) == 0 && res) {
        text_sanitize(name, sizeof name, pw.pw_name, strlen(pw.pw_name));
        snprintf(buf, len, "uid %u (%s)", (unsigned)uid, name);
    } else {
        snprintf(buf, len, "uid %u", (unsigned)uid);
    }
    return buf;
}

static const char *cap_name(int cap)
{
    switch (cap) {
    case PRIVOPS_CAP_DAC_OVERRIDE: return "CAP_DAC_OVERRIDE";
    case PRIVOPS_CAP_KILL: return "CAP_KILL";
    case PRIVOPS_CAP_SYS_NICE: return "CAP_SYS_NICE";
    case PRIVOPS_CAP_SYS_RESOURCE: return "CAP_SYS_RESOURCE";
    default: return "a capability";
    }
}

/* How we run, for the end of a permission message. */
static const char *running_as(int cap, char *buf, size_t len)
{
    char who[64];

    if (geteuid() == 0)
        snprintf(buf, len, "running as root %s %s", privops_have_cap(cap) ? "with" : "without",
                 cap_name(cap));
    else
        snprintf(buf, len, "running as %s", uid_label(geteuid(), who, sizeof who));
    return buf;
}

/* The effective uid of the process in dfd (status "Uid:" line), which may
 * differ from the owner of its /proc files (root when non-dumpable). */
static bool target_euid(int dfd, uid_t *uid)
{
    char buf[4096];
    unsigned long real, eff;

    if (procfs_read_one_shot_at(dfd, "status", buf, sizeof buf) <= 0)
        return false;
    const char *u = strstr(buf, "\nUid:");
    if (!u || sscanf(u + 5, "%lu %lu", &real, &eff) != 2)
        return false;
    *uid = (uid_t)eff;
    return true;
}

/* For a permission refusal on someone else's process: "pid 1 (systemd)
 * belongs to uid 0 (root): <verb> another user's process needs <need>
 * (running as ...)". `file` ("" = the directory) is the one whose owner
 * decides access. Returns false (msg untouched) when it is ours or we
 * hold `cap` (which overrides ownership), so the caller explains the
 * refusal otherwise. */
static bool other_owner_msg(int dfd, const char *file, const ProcId *id, const char *verb,
                            const char *need, int cap, char *msg, size_t msglen)
{
    struct stat st;
    uid_t uid;
    char label[LABEL_MAX], owner[64], run[96];

    if (privops_have_cap(cap) || fstatat(dfd, file, &st, AT_EMPTY_PATH) < 0)
        return false;
    procid_label(id, label, sizeof label);
    running_as(cap, run, sizeof run);
    if (!target_euid(dfd, &uid))
        uid = st.st_uid;
    if (uid != geteuid()) {
        snprintf(msg, msglen, "%s belongs to %s: %s another user's process needs %s (%s)",
                 label, uid_label(uid, owner, sizeof owner), verb, need, run);
        return true;
    }
    if (st.st_uid != geteuid()) {
        snprintf(msg, msglen, "%s is not dumpable, so its /proc files belong to %s: %s it"
                 " needs root (%s)", label, uid_label(st.st_uid, owner, sizeof owner), verb, run);
        return true;
    }
    return false;
}


/* Why oom_score_adj could not be read or written; `at_open` tells a file
 * permission refusal (ownership) from the kernel's floor check on write. */
static void oom_write_failed(int dfd, const ProcId *id, int old, int adj, int e, bool at_open,
                             char *msg, size_t msglen)
{
    char label[LABEL_MAX], run[96];

    procid_label(id, label, sizeof label);
    if (e == ENOENT || e == ESRCH) {
        snprintf(msg, msglen, "process %d (%s) has exited", (int)id->pid, id->comm);
    } else if ((e == EACCES || e == EPERM) && at_open
               && other_owner_msg(dfd, "oom_score_adj", id, "changing", "root",
                                  PRIVOPS_CAP_DAC_OVERRIDE, msg, msglen)) {
        /* message written */
    } else if (e == EACCES && !at_open && adj < old
               && !privops_have_cap(PRIVOPS_CAP_SYS_RESOURCE)) {
        running_as(PRIVOPS_CAP_SYS_RESOURCE, run, sizeof run);
        if (adj == -1000)
            snprintf(msg, msglen, "%s: protecting needs root with CAP_SYS_RESOURCE (%s)",
                     label, run);
        else
            snprintf(msg, msglen, "%s: lowering oom_score_adj from %d to %d goes below its"
                     " floor and needs root with CAP_SYS_RESOURCE (%s)", label, old, adj, run);
    } else {
        snprintf(msg, msglen, "%s: oom_score_adj not changed: %s", label, strerror(e));
    }
}

static int real_set_oom_adj(const PrivCtx *ctx, const ProcId *id, int adj, int *old_adj,
                            char *msg, size_t msglen)
{
    char buf[16];
    int old = 0, fd, dfd, n;

    if (adj < -1000 || adj > 1000) {
        snprintf(msg, msglen, "oom_score_adj %d is out of range (-1000 to 1000)", adj);
        return -1;
    }
    if ((dfd = procid_open_verified(ctx->proc_fd, id, msg, msglen)) < 0)
        return -1;
    long long old_ll;
    if (procfs_read_ll(dfd, "oom_score_adj", &old_ll) < 0) {
        oom_write_failed(dfd, id, old, adj, errno, true, msg, msglen);
        close(dfd);
        return -1;
    }
    old = (int)old_ll;
    if (old_adj)
        *old_adj = old;
    n = snprintf(buf, sizeof buf, "%d\n", adj);
    fd = openat(dfd, "oom_score_adj", O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0 || write(fd, buf, (size_t)n) != n) {
        oom_write_failed(dfd, id, old, adj, errno, fd < 0, msg, msglen);
        if (fd >= 0)
            close(fd);
        close(dfd);
        return -1;
    }
    close(fd);
    close(dfd);

    AuditEvent ev = { .what = AUDIT_OOM_ADJ, .id = id, .old_value = old, .new_value = adj };
    audit_record(ctx->audit, ctx->audit_arg, &ev, msg, msglen);
    return 0;
}

/* Why the kernel refused a thread's new nice. */
static void nice_refused(int dfd, const ProcId *id, int old, int nice, int e,
                         char *msg, size_t msglen)
{
    char label[LABEL_MAX], run[96];
    struct rlimit rl;

    procid_label(id, label, sizeof label);
    if (e == EPERM && other_owner_msg(dfd, "", id, "renicing", "CAP_SYS_NICE",
                                      PRIVOPS_CAP_SYS_NICE, msg, msglen))
        return;
    if (e == EACCES) {
        long cur = getrlimit(RLIMIT_NICE, &rl) == 0 ? (long)rl.rlim_cur : 0;
        running_as(PRIVOPS_CAP_SYS_NICE, run, sizeof run);
        snprintf(msg, msglen, "%s: lowering nice from %d to %d needs CAP_SYS_NICE or"
                 " RLIMIT_NICE of at least %d (it is %ld; %s)", label, old, nice, 20 - nice,
                 cur, run);
        return;
    }
    snprintf(msg, msglen, "%s: nice not changed: %s", label, strerror(e));
}

/* setpriority() on every TID in dfd/task; fills res, returns the first
 * refusal's errno or 0. */
static int renice_threads(int dfd, int nice, ReniceResult *res)
{
    int tfd = openat(dfd, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = tfd >= 0 ? fdopendir(tfd) : NULL;
    struct dirent *de;
    int first_err = 0;

    if (!d) {
        if (tfd >= 0)
            close(tfd);
        return errno ? errno : EIO;
    }
    while ((de = readdir(d)) != NULL) {
        char *end;
        long tid = strtol(de->d_name, &end, 10);
        if (*end != '\0' || tid <= 0)
            continue;
        if (setpriority(PRIO_PROCESS, (id_t)tid, nice) == 0) {
            res->changed++;
        } else if (errno == ESRCH) {
            continue;           /* the thread ended meanwhile: not a failure */
        } else if (!first_err) {
            first_err = errno;
        }
        res->total++;
    }
    closedir(d);
    return first_err;
}

static void renice_report(const PrivCtx *ctx, const ProcId *id, int dfd, int nice,
                          const ReniceResult *res, int e, char *msg, size_t msglen)
{
    char threads[64], why[384];

    if (res->changed == 0) {
        nice_refused(dfd, id, res->old_nice, nice, e, msg, msglen);
        return;
    }
    snprintf(threads, sizeof threads, "%d of %d threads changed", res->changed, res->total);
    AuditEvent ev = { .what = AUDIT_NICE, .id = id, .old_value = res->old_nice,
                      .new_value = nice, .detail = threads };
    audit_record(ctx->audit, ctx->audit_arg, &ev, msg, msglen);
    if (res->changed < res->total) {
        size_t used = strlen(msg);
        nice_refused(dfd, id, res->old_nice, nice, e, why, sizeof why);
        snprintf(msg + used, msglen - used, "; the others were refused: %s", why);
    }
}

static int real_renice(const PrivCtx *ctx, const ProcId *id, int nice, ReniceResult *out,
                       char *msg, size_t msglen)
{
    ReniceResult res = { 0, 0, 0 };
    ProcStatLine st;
    int dfd, e;

    if (nice < -20 || nice > 19) {
        snprintf(msg, msglen, "nice %d is out of range (-20 to 19)", nice);
        return -1;
    }
    if ((dfd = procid_open_verified(ctx->proc_fd, id, msg, msglen)) < 0)
        return -1;
    if (procid_read_stat_at(dfd, &st) == 0)
        res.old_nice = st.nice;
    e = renice_threads(dfd, nice, &res);
    if (res.total == 0 && e == 0)
        snprintf(msg, msglen, "process %d (%s) has exited", (int)id->pid, id->comm);
    else
        renice_report(ctx, id, dfd, nice, &res, e, msg, msglen);
    close(dfd);
    if (out)
        *out = res;
    return res.total > 0 && res.changed == res.total ? 0 : -1;
}

static int send_signal(int pidfd, pid_t pid, int sig)
{
    if (pidfd >= 0)
        return pidfd_send_signal(pidfd, sig, NULL, 0);
    /* No pidfd support: the identity check just before is the only guard. */
    return kill(pid, sig);
}

static int real_kill(const PrivCtx *ctx, const ProcId *id, int sig, char *msg, size_t msglen)
{
    char label[LABEL_MAX];
    int pidfd, dfd, rc, e;

    if (sig <= 0 || sig > SIGRTMAX) {
        snprintf(msg, msglen, "signal %d does not exist (1 to %d)", sig, SIGRTMAX);
        return -1;
    }
    /* Take the pidfd first: if the pid is recycled after this, the check
     * below fails; if before, the pidfd names a dead process. */
    pidfd = pidfd_open(id->pid, 0);
    if (pidfd < 0 && errno == ESRCH) {
        snprintf(msg, msglen, "process %d (%s) has exited", (int)id->pid, id->comm);
        return -1;
    }
    if (pidfd < 0 && errno != ENOSYS) {
        snprintf(msg, msglen, "%s: signal not sent: %s", procid_label(id, label, sizeof label),
                 strerror(errno));
        return -1;
    }
    dfd = procid_open_verified(ctx->proc_fd, id, msg, msglen);
    if (dfd < 0) {
        if (pidfd >= 0)
            close(pidfd);
        return -1;
    }
    rc = send_signal(pidfd, id->pid, sig);
    e = errno;
    if (pidfd >= 0)
        close(pidfd);
    if (rc < 0) {
        procid_label(id, label, sizeof label);
        if (e == ESRCH)
            snprintf(msg, msglen, "process %d (%s) has exited", (int)id->pid, id->comm);
        else if (!(e == EPERM && other_owner_msg(dfd, "", id, "signalling", "root",
                                                 PRIVOPS_CAP_KILL, msg, msglen)))
            snprintf(msg, msglen, "%s: signal not sent: %s", label, strerror(e));
        close(dfd);
        return -1;
    }
    close(dfd);
    AuditEvent ev = { .what = AUDIT_SIGNAL, .id = id, .new_value = sig };
    audit_record(ctx->audit, ctx->audit_arg, &ev, msg, msglen);
    return 0;
}

static int real_write_dropin(const PrivCtx *ctx, const ProcId *id, const DropInPlan *plan,
                             char *msg, size_t msglen)
{
    size_t used;

    if (dropin_write(plan, msg, msglen) < 0)
        return -1;
    AuditEvent ev = { .what = AUDIT_DROPIN, .id = id, .old_value = 0, .new_value = plan->adj,
                      .detail = plan->path };
    audit_record(ctx->audit, ctx->audit_arg, &ev, msg, msglen);
    used = strlen(msg);
    snprintf(msg + used, msglen - used, "; run 'systemctl daemon-reload': it applies from the"
             " next start of %s", plan->unit);
    return 0;
}

/* Every read-only op: the refusal, naming the process it spared. */
static int refuse(const ProcId *id, char *msg, size_t msglen)
{
    char label[PROC_COMM_MAX + 32];

    snprintf(msg, msglen, "%s: %s", procid_label(id, label, sizeof label), readonly_msg);
    return -1;
}

static int ro_set_oom_adj(const PrivCtx *ctx, const ProcId *id, int adj, int *old_adj,
                          char *msg, size_t msglen)
{
    return refuse(id, msg, msglen);
}

static int ro_renice(const PrivCtx *ctx, const ProcId *id, int nice, ReniceResult *res,
                     char *msg, size_t msglen)
{
    if (res)
        *res = (ReniceResult){ 0, 0, 0 };
    return refuse(id, msg, msglen);
}

static int ro_kill(const PrivCtx *ctx, const ProcId *id, int sig, char *msg, size_t msglen)
{
    return refuse(id, msg, msglen);
}

static int ro_write_dropin(const PrivCtx *ctx, const ProcId *id, const DropInPlan *plan,
                           char *msg, size_t msglen)
{
    return refuse(id, msg, msglen);
}

static const PrivOps real_ops = {
    .name = "real",
    .set_oom_adj = real_set_oom_adj,
    .renice = real_renice,
    .kill = real_kill,
    .write_dropin = real_write_dropin,
};

static const PrivOps readonly_ops = {
    .name = "read-only",
    .refusal = readonly_msg,
    .set_oom_adj = ro_set_oom_adj,
    .renice = ro_renice,
    .kill = ro_kill,
    .write_dropin = ro_write_dropin,
};

const PrivOps *privops_real(void)
{
    return &real_ops;
}

const PrivOps *privops_readonly(void)
{
    return &readonly_ops;
}
