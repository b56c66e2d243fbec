/* SPDX-License-Identifier: GPL-2.0-or-later
 * test_actions_cli.c - --protect / --set-adj / --renice: argv parsing with
 * every bad value refused (exit 2), and live runs on real children by pid
 * and by exact name, with --dry-run, --readonly and the exit statuses.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "actions_cli.h"
#include "actions_testutil.h"
#include "privops.h"

#define MAX_ARGS 8

/* argv for the parser: writable copies of "oomtop" and words. */
typedef struct Argv {
    char store[MAX_ARGS + 1][64];
    char *argv[MAX_ARGS + 2];
    int argc;
} Argv;

static void make_argv(Argv *a, const char *const *words)
{
    a->argc = 0;
    for (int i = -1; i < MAX_ARGS && (i < 0 || words[i]); i++) {
        snprintf(a->store[a->argc], sizeof a->store[0], "%s", i < 0 ? "oomtop" : words[i]);
        a->argv[a->argc] = a->store[a->argc];
        a->argc++;
    }
    a->argv[a->argc] = NULL;
}

typedef struct ParseCase {
    const char *argv[MAX_ARGS];     /* after argv[0]; NULL-terminated */
    int result;
    enum ActionCliKind kind;
    int value;
    const char *target;
    const char *message;            /* exact, for usage errors */
} ParseCase;

static const ParseCase parse_cases[] = {
    { { NULL }, ACTION_CLI_PARSE_NONE, 0, 0, NULL, NULL },
    { { "-b", "-n", "2", NULL }, ACTION_CLI_PARSE_NONE, 0, 0, NULL, NULL },
    { { "--readonly", NULL }, ACTION_CLI_PARSE_NONE, 0, 0, NULL, NULL },
    { { "--protect", "1234", NULL }, ACTION_CLI_PARSE_OK, ACTION_CLI_PROTECT, -1000, "1234", NULL },
    { { "--protect=mysqld", NULL }, ACTION_CLI_PARSE_OK, ACTION_CLI_PROTECT, -1000, "mysqld", NULL },
    { { "--set-adj", "500", "mysqld", NULL }, ACTION_CLI_PARSE_OK, ACTION_CLI_SET_ADJ, 500, "mysqld", NULL },
    { { "--set-adj=-500", "42", NULL }, ACTION_CLI_PARSE_OK, ACTION_CLI_SET_ADJ, -500, "42", NULL },
    { { "--dry-run", "--renice", "-5", "job", NULL }, ACTION_CLI_PARSE_OK, ACTION_CLI_RENICE, -5, "job", NULL },
    { { "--renice", "19", "job", "--readonly", NULL }, ACTION_CLI_PARSE_OK, ACTION_CLI_RENICE, 19, "job", NULL },
    { { "--set-adj", "1001", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "oom_score_adj: 1001 is out of range (-1000 to 1000)" },
    { { "--set-adj", "-1001", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "oom_score_adj: -1001 is out of range (-1000 to 1000)" },
    { { "--set-adj", "abc", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "oom_score_adj: 'abc' is not a number" },
    { { "--set-adj", "", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "oom_score_adj: no value given (a whole number from -1000 to 1000)" },
    { { "--set-adj", "+5", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "oom_score_adj: write '5' without the '+' sign" },
    { { "--set-adj", " 5", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "oom_score_adj: remove the spaces in ' 5'" },
    { { "--set-adj", "0x10", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "oom_score_adj: '0x10' is hexadecimal; give a decimal number" },
    { { "--set-adj", "5x", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "oom_score_adj: unexpected 'x' after the number in '5x'" },
    { { "--set-adj", "12345678901234567890", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "oom_score_adj: input too long (20 characters, at most 16)" },
    { { "--renice", "20", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "nice: 20 is out of range (-20 to 19)" },
    { { "--renice", "-21", "x", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "nice: -21 is out of range (-20 to 19)" },
    { { "--protect", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL, "--protect needs PID|NAME" },
    { { "--protect", "", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "no process given (a pid or an exact process name)" },
    { { "--set-adj", "5", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "--set-adj needs VALUE PID|NAME" },
    { { "--renice", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL, "--renice needs VALUE PID|NAME" },
    { { "--protect", "a", "--renice", "5", "b", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "one action per run: --renice cannot follow another action" },
    { { "--protect", "a", "-b", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "'-b' cannot be used with --protect, --set-adj or --renice (only --dry-run and --readonly can)" },
    { { "--protect", "a", "b", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "'b' cannot be used with --protect, --set-adj or --renice (only --dry-run and --readonly can)" },
    { { "--dry-run", NULL }, ACTION_CLI_PARSE_USAGE, 0, 0, NULL,
      "--dry-run needs --protect, --set-adj or --renice" },
    { { "--protectx", "1", NULL }, ACTION_CLI_PARSE_NONE, 0, 0, NULL, NULL },
};

static void test_actions_cli_parse_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const ParseCase *c = &parse_cases[i];
        Argv a;
        ActionCliRequest req;
        char err[256] = "";

        make_argv(&a, c->argv);
        int r = actions_cli_parse(a.argc, a.argv, &req, err, sizeof err);
        if (r != c->result)
            fail_msg("case %zu: result %d, want %d (%s)", i, r, c->result, err);
        if (r == ACTION_CLI_PARSE_OK) {
            assert_int_equal(req.kind, c->kind);
            assert_int_equal(req.value, c->value);
            assert_string_equal(req.target, c->target);
        } else if (r == ACTION_CLI_PARSE_USAGE) {
            assert_string_equal(err, c->message);
        } else {
            assert_int_equal(req.kind, ACTION_CLI_NONE);
        }
    }
}

static void test_actions_cli_parse_flags(void **state)
{
    const char *words[] = { "--readonly", "--dry-run", "--protect", "x", NULL };
    ActionCliRequest req;
    char err[64];
    Argv a;

    (void)state;
    make_argv(&a, words);
    assert_int_equal(actions_cli_parse(a.argc, a.argv, &req, err, sizeof err), ACTION_CLI_PARSE_OK);
    assert_true(req.readonly);
    assert_true(req.dry_run);
}

/* --- live runs -------------------------------------------------------- */

typedef struct Run {
    int status;
    char out[4096];
    char err[4096];
    TestAudit audit;
} Run;

static void run_argv(Run *r, const char *const *words)
{
    Argv a;
    ActionCliRequest req;
    char err[256];
    FILE *out = tmpfile(), *errf = tmpfile();

    memset(r, 0, sizeof *r);
    make_argv(&a, words);
    assert_int_equal(actions_cli_parse(a.argc, a.argv, &req, err, sizeof err), ACTION_CLI_PARSE_OK);
    req.audit = test_audit_sink;
    req.audit_arg = &r->audit;
    r->status = actions_cli_run(&req, out, errf);
    rewind(out);
    rewind(errf);
    r->out[fread(r->out, 1, sizeof r->out - 1, out)] = '\0';
    r->err[fread(r->err, 1, sizeof r->err - 1, errf)] = '\0';
    fclose(out);
    fclose(errf);
}

static void test_actions_cli_set_adj_by_name_acts_on_every_match(void **state)
{
    pid_t a = test_child_spawn("act-cli-twin", 1);
    pid_t b = test_child_spawn("act-cli-twin", 2);
    pid_t other = test_child_spawn("act-cli-twin2", 1);
    const char *words[] = { "--set-adj", "321", "act-cli-twin", NULL };
    char line[128];
    Run r;

    (void)state;
    run_argv(&r, words);
    assert_int_equal(r.status, ACTION_CLI_EXIT_OK);
    assert_string_equal(r.err, "");
    snprintf(line, sizeof line, "act-cli-twin: 2 processes: %d, %d\n", (int)a, (int)b);
    assert_non_null(strstr(r.out, line));
    snprintf(line, sizeof line, "pid %d (act-cli-twin): oom_score_adj 0 -> 321\n", (int)a);
    assert_non_null(strstr(r.out, line));
    snprintf(line, sizeof line, "pid %d (act-cli-twin): oom_score_adj 0 -> 321\n", (int)b);
    assert_non_null(strstr(r.out, line));
    assert_int_equal(test_proc_int(a, "oom_score_adj"), 321);
    assert_int_equal(test_proc_int(b, "oom_score_adj"), 321);
    assert_int_equal(test_proc_int(other, "oom_score_adj"), 0);
    assert_int_equal(r.audit.calls, 2);
    test_child_kill(a);
    test_child_kill(b);
    test_child_kill(other);
}

static void test_actions_cli_renice_by_pid_all_threads(void **state)
{
    pid_t a = test_child_spawn("act-cli-nice", 3);
    char pid[16], line[128];
    const char *words[] = { "--renice", "11", pid, NULL };
    int nices[TEST_MAX_THREADS];
    Run r;

    (void)state;
    snprintf(pid, sizeof pid, "%d", (int)a);
    run_argv(&r, words);
    assert_int_equal(r.status, ACTION_CLI_EXIT_OK);
    snprintf(line, sizeof line, "pid %d (act-cli-nice): nice %d -> 11, 3 of 3 threads changed\n",
             (int)a, test_own_nice());
    assert_string_equal(r.out, line);
    assert_int_equal(test_thread_nices(a, nices, TEST_MAX_THREADS), 3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(nices[i], 11);
    test_child_kill(a);
}

static void test_actions_cli_dry_run_changes_nothing(void **state)
{
    pid_t a = test_child_spawn("act-cli-dry", 2);
    const char *words[] = { "--dry-run", "--set-adj", "700", "act-cli-dry", NULL };
    const char *nwords[] = { "--renice", "4", "act-cli-dry", "--dry-run", NULL };
    char line[128];
    int nices[TEST_MAX_THREADS];
    Run r;

    (void)state;
    run_argv(&r, words);
    assert_int_equal(r.status, ACTION_CLI_EXIT_OK);
    snprintf(line, sizeof line, "would set pid %d (act-cli-dry): oom_score_adj 0 -> 700\n", (int)a);
    assert_non_null(strstr(r.out, line));
    assert_int_equal(test_proc_int(a, "oom_score_adj"), 0);

    run_argv(&r, nwords);
    assert_int_equal(r.status, ACTION_CLI_EXIT_OK);
    snprintf(line, sizeof line, "would set pid %d (act-cli-dry): nice %d -> 4 (2 threads)\n",
             (int)a, test_own_nice());
    assert_non_null(strstr(r.out, line));
    assert_int_equal(test_thread_nices(a, nices, TEST_MAX_THREADS), 2);
    assert_int_equal(nices[0], test_own_nice());
    assert_int_equal(nices[1], test_own_nice());
    assert_int_equal(r.audit.calls, 0);
    test_child_kill(a);
}

static void test_actions_cli_readonly_refuses(void **state)
{
    pid_t a = test_child_spawn("act-cli-ro", 1);
    const char *words[] = { "--readonly", "--set-adj", "100", "act-cli-ro", NULL };
    Run r;

    (void)state;
    run_argv(&r, words);
    assert_int_equal(r.status, ACTION_CLI_EXIT_FAILED);
    char line[128];
    snprintf(line, sizeof line, "oomtop: pid %d (act-cli-ro): read-only mode: actions are"
             " disabled\n", (int)a);
    assert_string_equal(r.err, line);
    assert_int_equal(test_proc_int(a, "oom_score_adj"), 0);
    assert_int_equal(r.audit.calls, 0);
    test_child_kill(a);
}

static void test_actions_cli_protect_follows_capability(void **state)
{
    pid_t a = test_child_spawn("act-cli-prot", 1);
    const char *words[] = { "--protect", "act-cli-prot", NULL };
    Run r;

    (void)state;
    run_argv(&r, words);
    if (privops_have_cap(PRIVOPS_CAP_SYS_RESOURCE)) {
        assert_int_equal(r.status, ACTION_CLI_EXIT_OK);
        assert_int_equal(test_proc_int(a, "oom_score_adj"), -1000);
    } else {
        assert_int_equal(r.status, ACTION_CLI_EXIT_FAILED);
        assert_non_null(strstr(r.err, "protecting needs root with CAP_SYS_RESOURCE"));
        assert_int_equal(test_proc_int(a, "oom_score_adj"), 0);
        assert_int_equal(r.audit.calls, 0);
    }
    test_child_kill(a);
}

static void test_actions_cli_some_failed_is_status_1(void **state)
{
    pid_t a = test_child_spawn("act-cli-part", 1);
    pid_t b = test_child_spawn("act-cli-part", 1);
    const char *words[] = { "--set-adj", "-1", "act-cli-part", NULL };
    Run r;

    (void)state;
    if (privops_have_cap(PRIVOPS_CAP_SYS_RESOURCE)) {
        print_message("SKIP: with CAP_SYS_RESOURCE a negative value cannot fail\n");
        test_child_kill(a);
        test_child_kill(b);
        skip();
    }
    run_argv(&r, words);
    assert_int_equal(r.status, ACTION_CLI_EXIT_FAILED);
    /* One stderr line per failed process. */
    int lines = 0;
    for (const char *p = r.err; (p = strstr(p, "oomtop: pid ")) != NULL; p++)
        lines++;
    assert_int_equal(lines, 2);
    assert_int_equal(test_proc_int(a, "oom_score_adj"), 0);
    assert_int_equal(test_proc_int(b, "oom_score_adj"), 0);
    test_child_kill(a);
    test_child_kill(b);
}

static void test_actions_cli_unknown_target(void **state)
{
    const char *words[] = { "--set-adj", "5", "no-such-proc-xyz", NULL };
    const char *pwords[] = { "--protect", "4194304", NULL };
    Run r;

    (void)state;
    run_argv(&r, words);
    assert_int_equal(r.status, ACTION_CLI_EXIT_FAILED);
    assert_string_equal(r.err, "oomtop: no process named 'no-such-proc-xyz'\n");
    assert_string_equal(r.out, "");
    run_argv(&r, pwords);
    assert_int_equal(r.status, ACTION_CLI_EXIT_FAILED);
    assert_string_equal(r.err, "oomtop: no process with pid 4194304\n");
}

static void test_actions_cli_run_without_action_is_usage(void **state)
{
    ActionCliRequest req = { 0 };

    (void)state;
    assert_int_equal(actions_cli_run(&req, stdout, stderr), ACTION_CLI_EXIT_USAGE);
}

int main(void)
{
    if (!test_start_at_adj_zero())
        return 77;      /* automake's SKIP */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_actions_cli_parse_cases),
        cmocka_unit_test(test_actions_cli_parse_flags),
        cmocka_unit_test(test_actions_cli_set_adj_by_name_acts_on_every_match),
        cmocka_unit_test(test_actions_cli_renice_by_pid_all_threads),
        cmocka_unit_test(test_actions_cli_dry_run_changes_nothing),
        cmocka_unit_test(test_actions_cli_readonly_refuses),
        cmocka_unit_test(test_actions_cli_protect_follows_capability),
        cmocka_unit_test(test_actions_cli_some_failed_is_status_1),
        cmocka_unit_test(test_actions_cli_unknown_target),
        cmocka_unit_test(test_actions_cli_run_without_action_is_usage),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
