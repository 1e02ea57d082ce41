#ifndef SWITCHBOARD_CNCURSES_SHIM_H
#define SWITCHBOARD_CNCURSES_SHIM_H
// Wide-character ncurses: get_wch, cchar_t and mvwaddnwstr are only declared
// with NCURSES_WIDECHAR, and wcwidth needs _XOPEN_SOURCE.
#define _XOPEN_SOURCE 700
// Keep the glibc "default" names too (__USE_MISC), or struct layouts in
// signal.h differ from the ones Dispatch/Foundation import.
#define _DEFAULT_SOURCE 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <wchar.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <malloc.h>
#include <ncursesw/curses.h>
// tigetstr for key capabilities; last, since it defines short macros
// (lines, columns…) that must not reach other headers.
#include <ncursesw/term.h>

// Swift 6 refuses mutable C globals and can't see attribute macros:
// expose each as a function.
static inline WINDOW *sb_stdscr(void) { return stdscr; }
static inline int sb_lines(void) { return LINES; }
static inline int sb_cols(void) { return COLS; }
static inline int sb_colors(void) { return COLORS; }
static inline int sb_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t sb_a_bold(void) { return A_BOLD; }
static inline attr_t sb_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sb_a_reverse(void) { return A_REVERSE; }
static inline attr_t sb_a_dim(void) { return A_DIM; }
static inline attr_t sb_a_normal(void) { return A_NORMAL; }
static inline attr_t sb_a_italic(void) { return A_ITALIC; }

// Start-up without initscr(), which exit()s when the terminal is unknown:
// newterm returns NULL instead, and the caller reports it.
static inline SCREEN *sb_newterm(void) { return newterm(NULL, stdout, stdin); }

// Attributes plus an extended colour pair (the pair travels through opts, so
// pairs above 32767 work too).
static inline int sb_attr_set(attr_t attrs, int pair) {
    return wattr_set(stdscr, attrs, (short)(pair > 32767 ? 0 : pair), &pair);
}

// The key code ncurses gives a terminfo key capability ("kUP3" is Alt-Up), or
// 0 when the terminal has none.
static inline int sb_key_code(const char *capability) {
    char *sequence = tigetstr(capability);
    if (sequence == NULL || sequence == (char *)-1) return 0;
    int code = key_defined(sequence);
    return code > 0 ? code : 0;
}

// Hands memory that was freed back to the system (glibc keeps it otherwise).
static inline void sb_release_free_memory(void) { malloc_trim(0); }

// Writes a control sequence straight to the terminal (bracketed paste on/off).
static inline void sb_write_stdout(const char *text) {
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t written = write(STDOUT_FILENO, text, length);
        if (written <= 0) return;
        text += written;
        length -= (size_t)written;
    }
}

// Restoring the terminal when the process dies: endwin, bracketed paste off,
// then the signal goes on to the handler that was there before (the default,
// or Swift's crash reporter, which can now print on a sane terminal).
#define SB_PASTE_OFF "\033[?2004l"
// State lives in function-local statics: Swift emits a header's static inline
// functions (with their local statics) but not its file-level variables.
static inline volatile sig_atomic_t *sb_terminal_active(void) {
    static volatile sig_atomic_t active = 0;
    return &active;
}
static inline struct sigaction *sb_previous_actions(void) {
    static struct sigaction actions[65];
    return actions;
}

static inline void sb_restore_terminal(void) {
    if (!*sb_terminal_active()) return;
    *sb_terminal_active() = 0;
    sb_write_stdout(SB_PASTE_OFF);
    endwin();
}

// Requests to stop (INT, TERM, HUP, QUIT) die of the default action, so the
// parent sees the signal (ncurses' own handler, which this replaces, would
// exit(1)). Crashes first go to the handler that was there before (Swift's
// backtracer then prints on a restored terminal), then die the same way,
// even when that handler returns.
static inline void sb_signal_handler(int sig, siginfo_t *info, void *context) {
    sb_restore_terminal();
    int request = sig == SIGINT || sig == SIGTERM || sig == SIGHUP || sig == SIGQUIT;
    if (!request && sig > 0 && sig < 65) {
        struct sigaction previous = sb_previous_actions()[sig];
        if (previous.sa_flags & SA_SIGINFO) {
            if (previous.sa_sigaction != NULL) previous.sa_sigaction(sig, info, context);
        } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN && previous.sa_handler != NULL) {
            previous.sa_handler(sig);
        }
    }
    signal(sig, SIG_DFL);
    raise(sig);  // delivered as this handler returns
}

// A window resize must wake the console's poll() even when SIGWINCH arrives
// while it isn't polling: ncurses' own handler only sets a flag that the next
// wget_wch turns into KEY_RESIZE, and an idle console has no timer that would
// call it. So this handler passes the signal on to ncurses' handler (which
// keeps working as before), then writes a byte to the wake-up pipe.
static inline volatile sig_atomic_t *sb_resize_wakeup_fd(void) {
    static volatile sig_atomic_t fd = -1;
    return &fd;
}
static inline void sb_resize_handler(int sig, siginfo_t *info, void *context) {
    int saved = errno;
    struct sigaction previous = sb_previous_actions()[SIGWINCH];
    if (previous.sa_flags & SA_SIGINFO) {
        if (previous.sa_sigaction != NULL) previous.sa_sigaction(sig, info, context);
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN && previous.sa_handler != NULL) {
        previous.sa_handler(sig);
    }
    int fd = *sb_resize_wakeup_fd();
    if (fd >= 0) {
        char byte = 1;
        (void)!write(fd, &byte, 1);  // a full pipe already means "wake up"
    }
    errno = saved;
}
// After newterm (so ncurses' handler is the one passed on to).
static inline void sb_install_resize_wakeup(int fd) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = sb_resize_handler;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    *sb_resize_wakeup_fd() = fd;
    sigaction(SIGWINCH, &action, &sb_previous_actions()[SIGWINCH]);
}
// Before the pipe is closed: ncurses' handler alone again.
static inline void sb_remove_resize_wakeup(void) {
    *sb_resize_wakeup_fd() = -1;
    sigaction(SIGWINCH, &sb_previous_actions()[SIGWINCH], NULL);
}

static inline void sb_install_signal_handlers(void) {
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = sb_signal_handler;
    action.sa_flags = SA_SIGINFO;
    sigemptyset(&action.sa_mask);
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        sigaction(signals[i], &action, &sb_previous_actions()[signals[i]]);
    }
    *sb_terminal_active() = 1;
}
#endif
