/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_settings.c - oomtoprc: every kind of bad line is ignored with its own
 * message and leaves the key as it was; what is written reads back; saving
 * in a temporary XDG_CONFIG_HOME; a writer killed half-way never leaves a
 * truncated file; the atomic-file helper's failure paths.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "format.h"
#include "settings.h"

/* ------------------------------------------------------- bad lines */

typedef struct BadLine {
    const char *text;       /* one file; the bad line is its line `line` */
    size_t len;             /* 0: strlen(text) */
    unsigned line;
    const char *message;    /* expected substring of the one message */
} BadLine;

static const BadLine bad_lines[] = {
    { "just words\n", 0, 1, "line 1: 'just words' is not key=value, ignored" },
    { "# c\n\n=5\n", 0, 3, "line 3: unknown key '' ignored" },
    { "a\nb\nc\nd\ne\nf\nfoo=1\n", 0, 1, "line 1: 'a' is not key=value" },
    { "\n\n\n\n\n\nfoo = bar\n", 0, 7, "oomtoprc line 7: unknown key 'foo' ignored" },
    { "columns=pid,bogus,res\n", 0, 1, "columns = 'pid,bogus,res': unknown column 'bogus', ignored" },
    { "columns=pid,res,pid\n", 0, 1, "repeated column 'pid'" },
    { "columns=\n", 0, 1, "columns = '': no column named" },
    { "columns= , ,\n", 0, 1, "no column named" },
    { "sort=nosuch\n", 0, 1, "sort = 'nosuch': not a column name" },
    { "sort=\n", 0, 1, "not a column name" },
    { "sort_reverse=maybe\n", 0, 1, "sort_reverse = 'maybe': not yes or no" },
    { "delay=0\n", 0, 1, "delay = '0': not 0.1 .. 3600 seconds" },
    { "delay=0.09\n", 0, 1, "not 0.1 .. 3600 seconds" },
    { "delay=3601\n", 0, 1, "not 0.1 .. 3600 seconds" },
    { "delay=-1\n", 0, 1, "not 0.1 .. 3600 seconds" },
    { "delay=1e3\n", 0, 1, "not 0.1 .. 3600 seconds" },
    { "delay=2s\n", 0, 1, "not 0.1 .. 3600 seconds" },
    { "delay=nan\n", 0, 1, "not 0.1 .. 3600 seconds" },
    { "delay=1,5\n", 0, 1, "not 0.1 .. 3600 seconds" },
    { "units=furlongs\n", 0, 1, "units = 'furlongs': not auto, KiB, MiB, GiB or TiB" },
    { "colour=2\n", 0, 1, "colour = '2': not yes or no" },
    { "color=\n", 0, 1, "colour = '': not yes or no" },
    { "kernel_threads=yess\n", 0, 1, "kernel_threads = 'yess': not yes or no" },
    { "whatif_mode=3\n", 0, 1, "whatif_mode = '3': not 'live', 0, 1 or 2" },
    { "whatif_mode=-1\n", 0, 1, "not 'live', 0, 1 or 2" },
    { "whatif_mode=+1\n", 0, 1, "not 'live', 0, 1 or 2" },
    { "whatif_ratio=-5\n", 0, 1, "whatif_ratio = '-5': not 'live' or a percentage" },
    { "whatif_ratio=50%\n", 0, 1, "not 'live' or a percentage" },
    { "whatif_ratio=99999999999\n", 0, 1, "not 'live' or a percentage" },
    { "whatif_kbytes=0x100\n", 0, 1, "whatif_kbytes = '0x100': not 'live' or a size in KiB" },
    { "whatif_kbytes=99999999999999999999\n", 0, 1, "not 'live' or a size in KiB" },
    { "whatif_kbytes=9007199254740992\n", 0, 1, "not 'live' or a size in KiB" },
    { "sort=res\0junk\n", 14, 1, "line 1: contains a NUL byte, ignored" },
    /* A terminal escape in a key is shown defused. */
    { "\x1b]0;owned\x07=1\n", 0, 1, "unknown key '?]0;owned?' ignored" },
    { "delay=\x1b[2J\n", 0, 1, "delay = '?[2J': not 0.1" },
};

static void test_bad_lines_are_ignored_one_by_one(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof bad_lines / sizeof bad_lines[0]; i++) {
        const BadLine *c = &bad_lines[i];
        Settings s, def;
        SettingsMsgs m;
        settings_defaults(&s);
        settings_defaults(&def);
        settings_msgs_init(&m);
        size_t len = c->len ? c->len : strlen(c->text);
        int ignored = settings_parse(&s, c->text, len, "oomtoprc", &m);
        char want_line[32];
        snprintf(want_line, sizeof want_line, "oomtoprc line %u: ", c->line);
        if (ignored < 1 || !strstr(m.msg[0], c->message) || strncmp(m.msg[0], want_line,
                                                                    strlen(want_line)) != 0) {
            print_error("case %zu: ignored %d, message '%s', want '%s'\n", i, ignored,
                        m.n ? m.msg[0] : "", c->message);
            fail();
        }
        /* Nothing reached the settings; no control byte reached the message. */
        assert_memory_equal(&s, &def, sizeof s);
        for (const char *p = m.msg[0]; *p; p++)
            assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
    }
}

static void test_overlong_line(void **state)
{
    (void)state;
    char text[2200];
    Settings s, def;
    SettingsMsgs m;
    memset(text, 'x', sizeof text);
    memcpy(text, "sort=", 5);
    memcpy(text + 2000, "\nsort=res\n", 10);
    settings_defaults(&s);
    settings_defaults(&def);
    settings_msgs_init(&m);
    assert_int_equal(settings_parse(&s, text, 2010, "rc", &m), 1);
    assert_int_equal(m.n, 1);
    assert_string_equal(m.msg[0], "rc line 1: longer than 1024 bytes, ignored");
    assert_int_equal(s.sort_col, COL_RES);     /* the next line still counts */
}

/* Bad lines keep what an earlier file set, not just the built-in default. */
static void test_bad_value_keeps_earlier_file(void **state)
{
    (void)state;
    Settings s;
    SettingsMsgs m;
    const char *sys = "delay=5\nsort=res\ncolumns=pid,res,command\n";
    const char *user = "delay=0\nsort=swap\ncolumns=pid,nope\n";
    settings_defaults(&s);
    settings_msgs_init(&m);
    assert_int_equal(settings_parse(&s, sys, strlen(sys), "/etc/oomtoprc", &m), 0);
    assert_int_equal(settings_parse(&s, user, strlen(user), "user", &m), 2);
    assert_int_equal(s.delay_ms, 5000);
    assert_int_equal(s.sort_col, COL_SWAP);
    assert_int_equal(s.columns[0], COL_PID);
    assert_int_equal(s.columns[1], COL_RES);
    assert_int_equal(s.columns[2], COL_COMMAND);
    assert_int_equal(s.columns[3], COL_NONE);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.msg[0], "user line 1: delay = '0': not 0.1 .. 3600 seconds, ignored");
    assert_string_equal(m.msg[1], "user line 3: columns = 'pid,nope': unknown column 'nope', ignored");
}

static void test_messages_overflow_is_counted(void **state)
{
    (void)state;
    char text[512] = "";
    Settings s;
    SettingsMsgs m;
    for (int i = 0; i < SETTINGS_MSGS_MAX + 4; i++)
        strcat(text, "bad\n");
    settings_defaults(&s);
    settings_msgs_init(&m);
    assert_int_equal(settings_parse(&s, text, strlen(text), "rc", &m), SETTINGS_MSGS_MAX + 4);
    assert_int_equal(m.n, SETTINGS_MSGS_MAX);
    assert_int_equal(m.dropped, 4);
}

/* ------------------------------------------------------ good lines */

static void test_good_lines(void **state)
{
    (void)state;
    const char *text =
        "# comment\n"
        "   # indented comment\n"
        "\n"
        "  Columns =  oom , adj  rank,%MEM,command \r\n"
        "SORT=RES\n"
        "sort_reverse = TRUE\n"
        "delay= 0.25\n"
        "units=gib\n"
        "color=off\n"
        "kernel_threads=on\n"
        "whatif_mode=0\n"
        "whatif_ratio=80\n"
        "whatif_kbytes=1048576";     /* no final newline */
    Settings s;
    SettingsMsgs m;
    settings_defaults(&s);
    settings_msgs_init(&m);
    assert_int_equal(settings_parse(&s, text, strlen(text), "rc", &m), 0);
    assert_int_equal(m.n, 0);
    const enum ColumnId want[] = { COL_OOM, COL_ADJ, COL_RANK, COL_MEM, COL_COMMAND, COL_NONE };
    assert_memory_equal(s.columns, want, sizeof want);
    assert_int_equal(s.sort_col, COL_RES);
    assert_true(s.sort_reverse);
    assert_int_equal(s.delay_ms, 250);
    assert_int_equal(s.unit_scale, UNIT_GIB);
    assert_false(s.colour);
    assert_true(s.show_kthreads);
    assert_int_equal(s.whatif_mode, 0);
    assert_int_equal(s.whatif_ratio, 80);
    assert_int_equal(s.whatif_kbytes, 1048576);

    const char *live = "whatif_ratio=live\nwhatif_kbytes=LIVE\n";
    assert_int_equal(settings_parse(&s, live, strlen(live), "rc", &m), 0);
    assert_int_equal(s.whatif_ratio, SETTINGS_WHATIF_LIVE);
    assert_int_equal(s.whatif_kbytes, SETTINGS_WHATIF_LIVE);
}

static void test_defaults(void **state)
{
    (void)state;
    Settings s;
    settings_defaults(&s);
    for (size_t i = 0;; i++) {
        assert_int_equal(s.columns[i], fields_default_columns[i]);
        if (s.columns[i] == COL_NONE)
            break;
    }
    assert_int_equal(s.sort_col, COL_OOM);
    assert_false(s.sort_reverse);
    assert_int_equal(s.delay_ms, 2000);
    assert_int_equal(s.unit_scale, UNIT_AUTO);
    assert_true(s.colour);
    assert_false(s.show_kthreads);
    assert_int_equal(s.whatif_mode, SETTINGS_WHATIF_LIVE);
}

/* ---------------------------------------------------- format/parse */

static void roundtrip(const Settings *in)
{
    char buf[4096];
    Settings out;
    SettingsMsgs m;
    size_t n = settings_format(in, buf, sizeof buf);
    assert_true(n < sizeof buf);
    assert_int_equal(strlen(buf), n);
    settings_defaults(&out);
    settings_msgs_init(&m);
    assert_int_equal(settings_parse(&out, buf, n, "rc", &m), 0);
    assert_memory_equal(&out, in, sizeof out);
}

static void test_format_parses_back(void **state)
{
    (void)state;
    Settings s;
    settings_defaults(&s);
    roundtrip(&s);

    const enum ColumnId cols[] = { COL_START, COL_CGROUP, COL_CGMEM, COL_SHMEM, COL_FILE,
                                   COL_ANON, COL_PID, COL_COMMAND, COL_NONE };
    memset(s.columns, 0, sizeof s.columns);
    memcpy(s.columns, cols, sizeof cols);
    s.sort_col = COL_CGMEM;
    s.sort_reverse = true;
    s.unit_scale = UNIT_TIB;
    s.colour = false;
    s.show_kthreads = true;
    s.whatif_mode = 1;
    s.whatif_ratio = 0;
    s.whatif_kbytes = 123456789012LL;
    static const unsigned delays[] = { 100, 250, 1000, 1500, 2000, 2050, 3599999, 3600000 };
    for (size_t i = 0; i < sizeof delays / sizeof delays[0]; i++) {
        s.delay_ms = delays[i];
        roundtrip(&s);
    }
    /* Every column on its own. */
    for (int c = COL_NONE + 1; c < COL_COUNT; c++) {
        memset(s.columns, 0, sizeof s.columns);
        s.columns[0] = (enum ColumnId)c;
        s.columns[1] = COL_NONE;
        s.sort_col = (enum ColumnId)c;
        roundtrip(&s);
    }
}

static void test_format_measures_and_truncates(void **state)
{
    (void)state;
    Settings s;
    char small[40], big[4096];
    settings_defaults(&s);
    size_t need = settings_format(&s, NULL, 0);
    assert_int_equal(settings_format(&s, big, sizeof big), need);
    assert_int_equal(settings_format(&s, small, sizeof small), need);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, big, sizeof small - 1);
    assert_non_null(strstr(big, "\ncolumns=pid,user,ni,virt,res,shr,swap,mem,oom,adj,rank,command\n"));
    assert_non_null(strstr(big, "\ndelay=2.0\n"));
    assert_non_null(strstr(big, "\nwhatif_ratio=live\n"));
}

static void test_to_options(void **state)
{
    (void)state;
    Settings s;
    Options o;
    memset(&o, 0, sizeof o);
    settings_defaults(&s);
    s.sort_col = COL_SWAP;
    s.sort_reverse = true;
    s.delay_ms = 700;
    s.show_kthreads = true;
    s.whatif_mode = 1;
    s.whatif_ratio = 90;
    settings_to_options(&s, &o);
    assert_int_equal(o.sort_col, COL_SWAP);
    assert_true(o.sort_reverse);
    assert_int_equal(o.delay_ms, 700);
    assert_true(o.show_kthreads);
    assert_false(o.what_if);    /* a default for the view, not a request */
    assert_int_equal(o.what_if_mode, 1);
    assert_int_equal(o.what_if_ratio, 90);
    assert_int_equal(o.what_if_kbytes, SETTINGS_WHATIF_LIVE);
}

/* ------------------------------------------------ files (live part) */

static char tmpdir[256];

static int tmp_setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "%s/oomtop-settings-XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int tmp_teardown(void **state)
{
    (void)state;
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static char *read_text(const char *path)
{
    static char buf[65536];
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Names in dir other than the ones listed (NULL-terminated). */
static int count_other_files(const char *dir, const char *const *known)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        bool k = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
        for (const char *const *p = known; *p && !k; p++)
            k = strcmp(e->d_name, *p) == 0;
        n += !k;
    }
    closedir(d);
    return n;
}

static void test_user_path(void **state)
{
    (void)state;
    char path[PATH_MAX], err[128];
    char *old_xdg = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

    setenv("XDG_CONFIG_HOME", "/x/conf", 1);
    assert_int_equal(settings_user_path(path, sizeof path, err, sizeof err), 0);
    assert_string_equal(path, "/x/conf/oomtop/oomtoprc");
    setenv("XDG_CONFIG_HOME", "relative/conf", 1);     /* ignored, as XDG says */
    setenv("HOME", "/home/ann", 1);
    assert_int_equal(settings_user_path(path, sizeof path, err, sizeof err), 0);
    assert_string_equal(path, "/home/ann/.config/oomtop/oomtoprc");
    unsetenv("XDG_CONFIG_HOME");
    assert_int_equal(settings_user_path(path, sizeof path, err, sizeof err), 0);
    assert_string_equal(path, "/home/ann/.config/oomtop/oomtoprc");
    assert_int_equal(settings_user_path(path, 10, err, sizeof err), -1);
    assert_string_equal(err, "settings path too long");

    if (old_xdg)
        setenv("XDG_CONFIG_HOME", old_xdg, 1);
    if (old_home)
        setenv("HOME", old_home, 1);
    free(old_xdg);
    free(old_home);
}

/* W then a restart: the directory is created, the file is 0644, nothing
 * else is left in the directory, and the same settings come back. */
static void test_save_load_roundtrip_xdg(void **state)
{
    (void)state;
    char xdg[512], path[PATH_MAX], dir[PATH_MAX], err[256], sys[PATH_MAX];
    Settings s, back;
    SettingsMsgs m;
    struct stat st;

    snprintf(xdg, sizeof xdg, "%s/deep/er/config", tmpdir);
    setenv("XDG_CONFIG_HOME", xdg, 1);
    settings_defaults(&s);
    s.sort_col = COL_SWAP;
    s.delay_ms = 1500;
    s.unit_scale = UNIT_MIB;
    memset(s.columns, 0, sizeof s.columns);
    s.columns[0] = COL_RANK;
    s.columns[1] = COL_COMMAND;
    assert_int_equal(settings_save(&s, path, sizeof path, err, sizeof err), 0);
    snprintf(dir, sizeof dir, "%s/oomtop", xdg);
    assert_int_equal(strncmp(path, dir, strlen(dir)), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 07777, 0644);
    const char *const known[] = { "oomtoprc", NULL };
    assert_int_equal(count_other_files(dir, known), 0);

    /* A system-wide file underneath: keys the user did not save survive. */
    snprintf(sys, sizeof sys, "%s/etc-oomtoprc", tmpdir);
    write_text(sys, "kernel_threads=yes\n");
    settings_msgs_init(&m);
    char user[PATH_MAX];
    assert_int_equal(settings_user_path(user, sizeof user, err, sizeof err), 0);
    settings_load_paths(&back, sys, user, &m);
    assert_int_equal(m.n, 0);
    assert_false(back.show_kthreads);   /* the user's file says no: it wins */
    s.show_kthreads = false;
    assert_memory_equal(&back, &s, sizeof s);

    /* A second save replaces the file in place. */
    s.delay_ms = 100;
    assert_int_equal(settings_save_file(&s, path, err, sizeof err), 0);
    settings_defaults(&back);
    assert_int_equal(settings_load_file(&back, path, &m), 1);
    assert_int_equal(back.delay_ms, 100);
    assert_int_equal(count_other_files(dir, known), 0);
    unsetenv("XDG_CONFIG_HOME");
}

static void test_load_missing_and_unusable(void **state)
{
    (void)state;
    char path[PATH_MAX];
    Settings s, def;
    SettingsMsgs m;
    settings_defaults(&def);
    settings_msgs_init(&m);

    snprintf(path, sizeof path, "%s/none", tmpdir);
    s = def;
    assert_int_equal(settings_load_file(&s, path, &m), 0);
    assert_int_equal(m.n, 0);

    /* A directory and a FIFO (which must not block) are refused. */
    snprintf(path, sizeof path, "%s/adir", tmpdir);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(settings_load_file(&s, path, &m), -1);
    snprintf(path, sizeof path, "%s/fifo", tmpdir);
    assert_int_equal(mkfifo(path, 0644), 0);
    assert_int_equal(settings_load_file(&s, path, &m), -1);
    assert_int_equal(m.n, 2);
    assert_non_null(strstr(m.msg[0], "adir: not a regular file, ignored"));
    assert_non_null(strstr(m.msg[1], "fifo: not a regular file, ignored"));
    assert_memory_equal(&s, &def, sizeof s);
}

/* More than 64 KiB: the head is used, the rest (and the cut line) is not. */
static void test_load_huge_file(void **state)
{
    (void)state;
    char path[PATH_MAX];
    Settings s;
    SettingsMsgs m;
    snprintf(path, sizeof path, "%s/huge", tmpdir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("sort=res\n", f);
    for (int i = 0; i < 8000; i++)
        fputs("# padding\n", f);
    fputs("sort=swap\n", f);
    assert_int_equal(fclose(f), 0);
    settings_defaults(&s);
    settings_msgs_init(&m);
    assert_int_equal(settings_load_file(&s, path, &m), 1);
    assert_int_equal(s.sort_col, COL_RES);
    assert_int_equal(m.n, 1);
    assert_non_null(strstr(m.msg[0], "only the first 64 KiB read"));
}

/* A writer dies after writing half of the new file: the target still holds
 * the whole old file, and the half-written one is not the target. */
static void test_crash_mid_write_keeps_old_file(void **state)
{
    (void)state;
    char path[PATH_MAX], err[256];
    Settings old, s;
    SettingsMsgs m;
    snprintf(path, sizeof path, "%s/oomtoprc", tmpdir);
    settings_defaults(&old);
    old.sort_col = COL_RES;
    assert_int_equal(settings_save_file(&old, path, err, sizeof err), 0);
    char *before = strdup(read_text(path));

    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        AtomicFile af;
        if (atomicfile_begin(&af, path, 0644, err, sizeof err) < 0)
            _exit(3);
        fputs("# oomtoprc\nsort=swap\ncolu", af.f);
        fflush(af.f);
        fsync(fileno(af.f));
        raise(SIGKILL);
        _exit(4);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    assert_string_equal(read_text(path), before);
    /* The dead writer's temp file is there, under another name. */
    const char *const known[] = { "oomtoprc", NULL };
    assert_int_equal(count_other_files(tmpdir, known), 1);
    settings_defaults(&s);
    settings_msgs_init(&m);
    assert_int_equal(settings_load_file(&s, path, &m), 1);
    assert_int_equal(m.n, 0);
    assert_memory_equal(&s, &old, sizeof s);
    free(before);
}

/* A writer saving in a loop is killed at random moments: every time, the
 * file is one of the two complete versions. */
static void test_kill_during_saves_never_truncates(void **state)
{
    (void)state;
    char path[PATH_MAX], err[256];
    Settings a, b;
    snprintf(path, sizeof path, "%s/oomtoprc", tmpdir);
    settings_defaults(&a);
    settings_defaults(&b);
    a.sort_col = COL_RES;       /* neither is the defaults an empty file gives */
    b.sort_col = COL_SWAP;
    b.delay_ms = 12345;
    assert_int_equal(settings_save_file(&a, path, err, sizeof err), 0);
    srand((unsigned)time(NULL));
    for (int round = 0; round < 40; round++) {
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            for (unsigned i = 0;; i++)
                settings_save_file(i % 2 ? &a : &b, path, err, sizeof err);
        }
        usleep((useconds_t)(rand() % 5000));
        kill(pid, SIGKILL);
        assert_int_equal(waitpid(pid, NULL, 0), pid);
        Settings s;
        SettingsMsgs m;
        settings_defaults(&s);
        settings_msgs_init(&m);
        assert_int_equal(settings_load_file(&s, path, &m), 1);
        assert_int_equal(m.n, 0);
        assert_true(memcmp(&s, &a, sizeof s) == 0 || memcmp(&s, &b, sizeof s) == 0);
    }
}

/* -------------------------------------------- atomicfile failures */

static void test_atomicfile_failures(void **state)
{
    (void)state;
    char path[PATH_MAX], err[256];
    const char *const none[] = { NULL };

    snprintf(path, sizeof path, "%s/no/such/dir/f", tmpdir);
    assert_int_equal(atomicfile_write(path, "x", 1, 0644, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot open directory"));
    assert_non_null(strstr(err, "No such file or directory"));

    /* The target is a directory: the rename fails and no temp file stays. */
    snprintf(path, sizeof path, "%s/target", tmpdir);
    assert_int_equal(mkdir(path, 0755), 0);
    assert_int_equal(atomicfile_write(path, "x", 1, 0644, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot replace"));
    const char *const known[] = { "target", NULL };
    assert_int_equal(count_other_files(tmpdir, known), 0);
    assert_int_equal(rmdir(path), 0);

    snprintf(path, sizeof path, "%s/", tmpdir);
    assert_int_equal(atomicfile_write(path, "x", 1, 0644, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a file name"));
    assert_int_equal(count_other_files(tmpdir, none), 0);

    /* mkdir -p through a regular file. */
    snprintf(path, sizeof path, "%s/plain", tmpdir);
    write_text(path, "");
    strcat(path, "/sub");
    assert_int_equal(atomicfile_mkdirs(path, 0755, err, sizeof err), -1);
    assert_non_null(strstr(err, "Not a directory"));
}

static void test_atomicfile_mode_and_abort(void **state)
{
    (void)state;
    char path[PATH_MAX], err[256];
    AtomicFile af;
    struct stat st;
    mode_t old = umask(077);

    snprintf(path, sizeof path, "%s/m.prom", tmpdir);
    assert_int_equal(atomicfile_write(path, "a 1\n", 4, 0644, err, sizeof err), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0644);    /* the umask does not apply */
    umask(old);

    assert_int_equal(atomicfile_begin(&af, path, 0644, err, sizeof err), 0);
    /* Hidden, and not ending in .prom: node_exporter never reads it. */
    assert_true(af.tmp[0] == '.');
    assert_null(strstr(af.tmp + strlen(af.tmp) - 5, ".prom"));
    fputs("b 2\n", af.f);
    atomicfile_abort(&af);
    assert_string_equal(read_text(path), "a 1\n");
    const char *const known[] = { "m.prom", NULL };
    assert_int_equal(count_other_files(tmpdir, known), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_lines_are_ignored_one_by_one),
        cmocka_unit_test(test_overlong_line),
        cmocka_unit_test(test_bad_value_keeps_earlier_file),
        cmocka_unit_test(test_messages_overflow_is_counted),
        cmocka_unit_test(test_good_lines),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_format_parses_back),
        cmocka_unit_test(test_format_measures_and_truncates),
        cmocka_unit_test(test_to_options),
        cmocka_unit_test(test_user_path),
        cmocka_unit_test_setup_teardown(test_save_load_roundtrip_xdg, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_load_missing_and_unusable, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_load_huge_file, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_crash_mid_write_keeps_old_file, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(test_kill_during_saves_never_truncates, tmp_setup,
                                        tmp_teardown),
        cmocka_unit_test_setup_teardown(test_atomicfile_failures, tmp_setup, tmp_teardown),
        cmocka_unit_test_setup_teardown(test_atomicfile_mode_and_abort, tmp_setup, tmp_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
