/* SPDX-License-Identifier: GPL-2.0-or-later
 * ui.c - the curses owner: terminal checks, set-up and restore, styles to
 * attributes, a guarded text blitter and key reading.
 */
#include "config.h"

#include "ui.h"

#include <langinfo.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "curses_compat.h"
#include "text.h"

static bool active;
static bool utf8;
static bool colour;
static bool colour_setting = true;
static UiMouse last_mouse;
static bool have_mouse;
static SCREEN *screen;
static attr_t style_attr[STYLE_COUNT];

enum { PAIR_LABEL = 1, PAIR_WARN, PAIR_TITLES, PAIR_SORT, PAIR_SELECT,
       PAIR_LOW, PAIR_MID, PAIR_HIGH, PAIR_MARK, PAIR_STATUS };

/* Monochrome: the selection and the sort column stay visible through
 * reverse video, warnings through bold. */
static void styles_mono(void)
{
    for (int i = 0; i < STYLE_COUNT; i++)
        style_attr[i] = A_NORMAL;
    style_attr[STYLE_VALUE] = A_BOLD;
    style_attr[STYLE_WARNING] = A_BOLD;
    style_attr[STYLE_TITLES] = A_REVERSE;
    style_attr[STYLE_SORT_TITLE] = A_BOLD | A_UNDERLINE;
    style_attr[STYLE_SELECTED] = A_REVERSE;
    style_attr[STYLE_BAR_LOW] = A_NORMAL;
    style_attr[STYLE_BAR_MID] = A_NORMAL;
    style_attr[STYLE_BAR_HIGH] = A_BOLD;
    style_attr[STYLE_MARK] = A_BOLD;
    style_attr[STYLE_PROMPT] = A_BOLD;
    style_attr[STYLE_DIM] = A_DIM;
}

static void styles_colour(void)
{
    start_color();
    use_default_colors();
    init_pair(PAIR_LABEL, COLOR_CYAN, -1);
    init_pair(PAIR_WARN, COLOR_RED, -1);
    init_pair(PAIR_TITLES, COLOR_BLACK, COLOR_GREEN);
    init_pair(PAIR_SORT, COLOR_BLACK, COLOR_CYAN);
    init_pair(PAIR_SELECT, COLOR_BLACK, COLOR_CYAN);
    init_pair(PAIR_LOW, COLOR_GREEN, -1);
    init_pair(PAIR_MID, COLOR_YELLOW, -1);
    init_pair(PAIR_HIGH, COLOR_RED, -1);
    init_pair(PAIR_MARK, COLOR_MAGENTA, -1);
    init_pair(PAIR_STATUS, COLOR_CYAN, -1);
    style_attr[STYLE_LABEL] = COLOR_PAIR(PAIR_LABEL);
    style_attr[STYLE_WARNING] = COLOR_PAIR(PAIR_WARN) | A_BOLD;
    style_attr[STYLE_TITLES] = COLOR_PAIR(PAIR_TITLES);
    style_attr[STYLE_SORT_TITLE] = COLOR_PAIR(PAIR_SORT) | A_BOLD;
    style_attr[STYLE_SELECTED] = COLOR_PAIR(PAIR_SELECT);
    style_attr[STYLE_BAR_LOW] = COLOR_PAIR(PAIR_LOW);
    style_attr[STYLE_BAR_MID] = COLOR_PAIR(PAIR_MID);
    style_attr[STYLE_BAR_HIGH] = COLOR_PAIR(PAIR_HIGH) | A_BOLD;
    style_attr[STYLE_MARK] = COLOR_PAIR(PAIR_MARK) | A_BOLD;
    style_attr[STYLE_STATUS] = COLOR_PAIR(PAIR_STATUS);
}

/* NO_COLOR (https://no-color.org): set and not empty disables colour. */
static bool colour_wanted(void)
{
    const char *nc = getenv("NO_COLOR");
    return !(nc && nc[0]) && has_colors();
}

/* Asks terminfo, without touching the terminal, whether it can address the
 * cursor; a dumb or unknown terminal cannot run a full-screen program. */
static int check_terminal(char *err, size_t errlen)
{
    const char *term = getenv("TERM");
    int status = 0;

    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        snprintf(err, errlen, "interactive mode needs a terminal on stdin and stdout; "
                 "use -b for batch output");
        return -1;
    }
    if (!term || !term[0]) {
        snprintf(err, errlen, "TERM is not set; set it (e.g. TERM=xterm) or use -b");
        return -1;
    }
    if (setupterm(NULL, STDOUT_FILENO, &status) != OK) {
        snprintf(err, errlen, "unknown terminal type '%.40s'; use -b for batch output", term);
        return -1;
    }
    const char *cup = tigetstr("cup");
    const char *clear = tigetstr("clear");
    bool usable = cup && cup != (char *)-1 && clear && clear != (char *)-1;
    del_curterm(cur_term);
    cur_term = NULL;
    if (!usable) {
        snprintf(err, errlen, "terminal '%.40s' cannot move the cursor; use -b for batch output",
                 term);
        return -1;
    }
    return 0;
}

/* Clicks and the wheel, where terminfo knows how the terminal reports
 * them; mousemask() asks for nothing elsewhere. No click interval: a press
 * acts at once instead of waiting to see whether it becomes a click. */
static void mouse_init(void)
{
    mmask_t want = BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    want |= BUTTON5_PRESSED;
#endif
    if (mousemask(want, NULL) != 0)
        mouseinterval(0);
}

int ui_init(char *err, size_t errlen)
{
    /* main() has set the locale from the environment. */
    utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    if (check_terminal(err, errlen) < 0)
        return -1;
    screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        snprintf(err, errlen, "cannot initialise the terminal; use -b for batch output");
        return -1;
    }
    active = true;
    atexit(ui_end);
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    styles_mono();
    colour = colour_setting && colour_wanted();
    if (colour)
        styles_colour();
    mouse_init();
    return 0;
}

void ui_end(void)
{
    if (!active)
        return;
    active = false;
    if (!isendwin()) {
        curs_set(1);
        endwin();
    }
}

bool ui_utf8(void)
{
    return utf8;
}

bool ui_colour(void)
{
    return colour;
}

void ui_set_colour(bool on)
{
    colour_setting = on;
    if (!active)
        return;
    bool was = colour;
    colour = on && colour_wanted();
    if (colour == was)
        return;
    styles_mono();
    if (colour)
        styles_colour();
}

bool ui_mouse(UiMouse *m)
{
    if (have_mouse)
        *m = last_mouse;
    return have_mouse;
}

/* KEY_MOUSE: keeps the event for ui_mouse(); events other than a left click
 * or the wheel are no key at all. */
static int read_mouse(void)
{
    MEVENT ev;
    enum UiMouseButton b;

    if (getmouse(&ev) != OK)
        return KEYCODE_NONE;
    if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
        b = UI_MOUSE_CLICK;
    else if (ev.bstate & BUTTON4_PRESSED)
        b = UI_MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
    else if (ev.bstate & BUTTON5_PRESSED)
        b = UI_MOUSE_WHEEL_DOWN;
#endif
    else
        return KEYCODE_NONE;
    last_mouse = (UiMouse){ ev.y, ev.x, b };
    have_mouse = true;
    return KEYCODE_MOUSE;
}

void ui_size(int *rows, int *cols)
{
    getmaxyx(stdscr, *rows, *cols);
}

void ui_erase(void)
{
    werase(stdscr);
}

/* One UTF-8 sequence: its length (0 if invalid) and code point. */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
    size_t n;
    uint32_t c = s[0];

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
        c &= 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        c &= 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        c &= 0x07;
    } else {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3f);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff))
        || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

/* The render-time guard: what must never reach the terminal even if the
 * ingestion-time sanitising missed it. */
static bool forbidden(uint32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
}

/* Display width of one valid sequence, judged by text.c (locale-independent). */
static int seq_width(const unsigned char *s, size_t n)
{
    char one[8];

    memcpy(one, s, n);
    one[n] = '\0';
    return text_width(one);
}

int ui_put(int row, int col, const char *s, int maxcols, enum UiStyle style)
{
    static wchar_t wbuf[1024];
    static char nbuf[1024];
    const unsigned char *p = (const unsigned char *)s;
    size_t nw = 0, nn = 0;
    int used = 0;

    while (*p && used < maxcols && nw + 4 < sizeof wbuf / sizeof wbuf[0]
           && nn + 4 < sizeof nbuf) {
        uint32_t cp = '?';
        size_t len = utf8_next(p, &cp);
        int w = 1;
        if (len == 0 || forbidden(cp)) {
            cp = '?';
            len = len ? len : 1;
        } else if (cp >= 0x80) {
            w = seq_width(p, len);
            if (w < 0 || (utf8 && !iswprint((wint_t)cp))) {
                cp = '?';
                w = 1;
            }
        }
        if (used + w > maxcols)
            break;
        p += len;
        used += w;
        if (utf8) {
            wbuf[nw++] = (wchar_t)cp;
        } else {
            /* A narrow terminal gets one '?' per column the character takes. */
            for (int i = 0; i < w; i++)
                nbuf[nn++] = cp < 0x80 ? (char)cp : '?';
        }
    }
    attrset(style_attr[style]);
    if (utf8)
        mvaddnwstr(row, col, wbuf, (int)nw);
    else
        mvaddnstr(row, col, nbuf, (int)nn);
    attrset(A_NORMAL);
    return used;
}

void ui_fill(int row, int col, int n, enum UiStyle style)
{
    if (n <= 0)
        return;
    attrset(style_attr[style]);
    mvhline(row, col, ' ', n);
    attrset(A_NORMAL);
}

void ui_cursor(int row, int col)
{
    if (row < 0) {
        curs_set(0);
        return;
    }
    move(row, col);
    curs_set(1);
}

void ui_flush(void)
{
    wnoutrefresh(stdscr);
    doupdate();
}

/* After a read error: is the terminal gone (hangup), or was it a timeout? */
static bool terminal_gone(void)
{
    struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

    if (poll(&pfd, 1, 0) < 0)
        return false;
    return (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static int map_function_key(wint_t k)
{
    switch (k) {
    case KEY_UP: return KEYCODE_UP;
    case KEY_DOWN: return KEYCODE_DOWN;
    case KEY_LEFT: return KEYCODE_LEFT;
    case KEY_RIGHT: return KEYCODE_RIGHT;
    case KEY_PPAGE: return KEYCODE_PGUP;
    case KEY_NPAGE: return KEYCODE_PGDN;
    case KEY_HOME: return KEYCODE_HOME;
    case KEY_END: return KEYCODE_END;
    /* Home and End as tmux and screen send them, which xterm's terminfo
     * calls Find and Select. */
    case KEY_FIND: return KEYCODE_HOME;
    case KEY_SELECT: return KEYCODE_END;
    case KEY_BACKSPACE: return KEYCODE_BACKSPACE;
    case KEY_ENTER: return KEYCODE_ENTER;
    case KEY_F(1): return KEYCODE_F1;
    case KEY_F(2): return KEYCODE_F2;
    case KEY_F(7): return KEYCODE_F7;
    case KEY_F(8): return KEYCODE_F8;
    case KEY_F(9): return KEYCODE_F9;
    case KEY_F(10): return KEYCODE_F10;
    case KEY_RESIZE: return KEYCODE_RESIZE;
    case KEY_MOUSE: return read_mouse();
    default: return KEYCODE_NONE;
    }
}

int ui_getkey(int timeout_ms)
{
    wint_t k;

    wtimeout(stdscr, timeout_ms);
    int r = wget_wch(stdscr, &k);
    if (r == ERR)
        return terminal_gone() ? KEYCODE_HANGUP : KEYCODE_NONE;
    if (r == KEY_CODE_YES)
        return map_function_key(k);
    if (k == '\r' || k == '\n')
        return KEYCODE_ENTER;
    if (k == 127 || k == 8)
        return KEYCODE_BACKSPACE;
    return (int)k;
}
