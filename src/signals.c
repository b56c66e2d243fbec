/* SPDX-License-Identifier: GPL-2.0-or-later
 * signals.c - termination flags and the crash handler.
 */
#include "config.h"

#include "signals.h"

#include <signal.h>
#include <stddef.h>
#include <string.h>

static volatile sig_atomic_t pending;
static void (*restore_terminal)(void);

static const int quit_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

static void on_quit(int sig)
{
    /* The first signal wins: it decides the exit status. */
    if (!pending)
        pending = sig;
}

/* Not strictly async-signal-safe (curses writes), accepted like htop and
 * top do: a terminal left in raw mode is worse. SA_RESETHAND makes the
 * re-raise take the default action and dump core as it should. */
static void on_crash(int sig)
{
    if (restore_terminal)
        restore_terminal();
    raise(sig);
}

static void install(const int *sigs, size_t n, void (*fn)(int), int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < n; i++)
        sigaction(sigs[i], &sa, NULL);
}

void signals_install(void (*restore)(void))
{
    restore_terminal = restore;
    install(quit_signals, sizeof quit_signals / sizeof quit_signals[0], on_quit, 0);
    install(crash_signals, sizeof crash_signals / sizeof crash_signals[0], on_crash,
            SA_RESETHAND | SA_NODEFER);
}

int signals_pending(void)
{
    return pending;
}
