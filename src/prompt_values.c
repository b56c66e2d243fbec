/* SPDX-License-Identifier: GPL-2.0-or-later
 * prompt_values.c - strict value parsers for prompts and options. Anything
 * that is not exactly a value in range is refused, so a typo never turns
 * into a write to the system.
 */
#include "config.h"

#include "prompt_values.h"

#include <ctype.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "text.h"

static const struct {
    int sig;
    const char *name;
} signal_names[] = {
    { SIGHUP, "HUP" }, { SIGINT, "INT" }, { SIGQUIT, "QUIT" }, { SIGILL, "ILL" },
    { SIGTRAP, "TRAP" }, { SIGABRT, "ABRT" }, { SIGBUS, "BUS" }, { SIGFPE, "FPE" },
    { SIGKILL, "KILL" }, { SIGUSR1, "USR1" }, { SIGSEGV, "SEGV" }, { SIGUSR2, "USR2" },
    { SIGPIPE, "PIPE" }, { SIGALRM, "ALRM" }, { SIGTERM, "TERM" }, { SIGSTKFLT, "STKFLT" },
    { SIGCHLD, "CHLD" }, { SIGCONT, "CONT" }, { SIGSTOP, "STOP" }, { SIGTSTP, "TSTP" },
    { SIGTTIN, "TTIN" }, { SIGTTOU, "TTOU" }, { SIGURG, "URG" }, { SIGXCPU, "XCPU" },
    { SIGXFSZ, "XFSZ" }, { SIGVTALRM, "VTALRM" }, { SIGPROF, "PROF" },
    { SIGWINCH, "WINCH" }, { SIGIO, "IO" }, { SIGPWR, "PWR" }, { SIGSYS, "SYS" },
};

/* The input as it may be echoed in a message: sanitised and short. */
static const char *quoted(const char *s, char *buf, size_t len)
{
    text_sanitize(buf, len, s, strlen(s));
    return buf;
}

/* Classifies what is wrong with a string that is not a plain decimal. */
static void explain_not_decimal(const char *s, const char *what, char *err, size_t errlen)
{
    char q[PROMPT_VALUE_MAX + 8];
    const char *digits = s + (s[0] == '-');
    size_t n = strspn(digits, "0123456789");

    quoted(s, q, sizeof q);
    if (isspace((unsigned char)s[0]) || isspace((unsigned char)s[strlen(s) - 1]))
        snprintf(err, errlen, "%s: remove the spaces in '%s'", what, q);
    else if (s[0] == '+')
        snprintf(err, errlen, "%s: write '%s' without the '+' sign", what, q + 1);
    else if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X'))
        snprintf(err, errlen, "%s: '%s' is hexadecimal; give a decimal number", what, q);
    else if (n > 1 && digits[0] == '0')
        snprintf(err, errlen, "%s: '%s' has a leading zero; give a plain decimal number", what, q);
    else if (n == 0)
        snprintf(err, errlen, "%s: '%s' is not a number", what, q);
    else if (digits[n] == '.' || digits[n] == ',')
        snprintf(err, errlen, "%s: '%s' is not a whole number", what, q);
    else
        snprintf(err, errlen, "%s: unexpected '%s' after the number in '%s'", what,
                 q + (digits - s) + n, q);
}

static bool is_plain_decimal(const char *s)
{
    const char *d = s + (s[0] == '-');
    size_t n = strspn(d, "0123456789");

    return n > 0 && d[n] == '\0' && !(n > 1 && d[0] == '0');
}

int prompt_parse_int(const char *s, long min, long max, const char *what,
                     int *out, char *err, size_t errlen)
{
    size_t len = s ? strlen(s) : 0;

    if (len == 0) {
        snprintf(err, errlen, "%s: no value given (a whole number from %ld to %ld)", what,
                 min, max);
        return -1;
    }
    if (len > PROMPT_VALUE_MAX) {
        snprintf(err, errlen, "%s: input too long (%zu characters, at most %d)", what, len,
                 PROMPT_VALUE_MAX);
        return -1;
    }
    if (!is_plain_decimal(s)) {
        explain_not_decimal(s, what, err, errlen);
        return -1;
    }

    /* At most 16 characters: fits in long long without overflow. */
    long long v = 0;
    for (const char *p = s + (s[0] == '-'); *p; p++)
        v = v * 10 + (*p - '0');
    if (s[0] == '-')
        v = -v;
    if (v < min || v > max) {
        snprintf(err, errlen, "%s: %s is out of range (%ld to %ld)", what, s, min, max);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int prompt_parse_adj(const char *s, int *out, char *err, size_t errlen)
{
    return prompt_parse_int(s, OOM_SCORE_ADJ_MIN, OOM_SCORE_ADJ_MAX, "oom_score_adj", out, err, errlen);
}

int prompt_parse_nice(const char *s, int *out, char *err, size_t errlen)
{
    return prompt_parse_int(s, PROMPT_NICE_MIN, PROMPT_NICE_MAX, "nice", out, err, errlen);
}

static int signal_by_name(const char *s)
{
    if (strncasecmp(s, "SIG", 3) == 0)
        s += 3;
    for (size_t i = 0; i < sizeof signal_names / sizeof signal_names[0]; i++) {
        if (strcasecmp(s, signal_names[i].name) == 0)
            return signal_names[i].sig;
    }
    return 0;
}

int prompt_parse_signal(const char *s, int *sig, char *err, size_t errlen)
{
    char q[PROMPT_VALUE_MAX + 8];
    size_t len = s ? strlen(s) : 0;

    if (len == 0) {
        snprintf(err, errlen, "signal: no value given (a name like TERM or KILL, or a number)");
        return -1;
    }
    if (len > PROMPT_VALUE_MAX) {
        snprintf(err, errlen, "signal: input too long (%zu characters, at most %d)", len,
                 PROMPT_VALUE_MAX);
        return -1;
    }
    if (isalpha((unsigned char)s[0])) {
        int found = signal_by_name(s);
        if (found == 0) {
            snprintf(err, errlen, "signal: unknown signal '%s' (try TERM, INT, HUP, KILL)",
                     quoted(s, q, sizeof q));
            return -1;
        }
        *sig = found;
        return 0;
    }

    int n;
    if (prompt_parse_int(s, 0, SIGRTMAX, "signal", &n, err, errlen) < 0)
        return -1;
    if (n == 0) {
        snprintf(err, errlen, "signal: 0 sends no signal; give 1 to %d or a name", SIGRTMAX);
        return -1;
    }
    *sig = n;
    return 0;
}

const char *prompt_signal_name(int sig, char *buf, size_t len)
{
    for (size_t i = 0; i < sizeof signal_names / sizeof signal_names[0]; i++) {
        if (signal_names[i].sig == sig)
            return signal_names[i].name;
    }
    snprintf(buf, len, "%d", sig);
    return buf;
}
