/* bocal-signal.c: signals over the extension: kill(2), sigaction(2),
 * sigprocmask(2), sigpending(2), sigsuspend(2), pause(2), the sigset
 * functions, and the trampoline the worker calls to run a handler.
 *
 * The kernel knows a handler only as an index ≥ 2: here, the handler's
 * function-table index plus 2 (0 and 1 are SIG_DFL and SIG_IGN). The worker
 * calls the exported __bocal_signal_deliver(signal, index) after the kernel
 * entered the handler, and ends it with SIGRETURN itself.
 *
 * signal() and raise() stay wasi-libc's in-process emulation (see
 * docs/abi.md): overriding them would make every program that uses them
 * import bocal_v1, which plain WASI hosts lack. */
#ifdef __wasi__
#include "bocal.h"

#define CLASSIC_SIGNALS 32

static uint32_t set_word(const sigset_t *set) { return (uint32_t)set->__bits[0]; }

static void set_from_word(sigset_t *set, uint64_t word) {
    for (size_t i = 0; i < sizeof set->__bits / sizeof set->__bits[0]; i++) set->__bits[i] = 0;
    set->__bits[0] = (unsigned long)(word & 0x7fffffff);
}

static int valid_signal(int sig) { return sig >= 1 && sig < CLASSIC_SIGNALS; }

int sigemptyset(sigset_t *set) {
    set_from_word(set, 0);
    return 0;
}

int sigfillset(sigset_t *set) {
    set_from_word(set, 0x7fffffff);
    return 0;
}

int sigaddset(sigset_t *set, int sig) {
    if (!valid_signal(sig)) {
        errno = EINVAL;
        return -1;
    }
    set->__bits[0] |= 1UL << (sig - 1);
    return 0;
}

int sigdelset(sigset_t *set, int sig) {
    if (!valid_signal(sig)) {
        errno = EINVAL;
        return -1;
    }
    set->__bits[0] &= ~(1UL << (sig - 1));
    return 0;
}

int sigismember(const sigset_t *set, int sig) {
    if (!valid_signal(sig)) {
        errno = EINVAL;
        return -1;
    }
    return (set->__bits[0] >> (sig - 1)) & 1;
}

int kill(pid_t pid, int sig) { return (int)__bocal_call(BOCAL_KILL, pid, sig, 0, 0, 0); }

int killpg(pid_t pgrp, int sig) {
    if (pgrp <= 1) {
        errno = EINVAL;
        return -1;
    }
    return kill(-pgrp, sig);
}

/* Handler pointer → the kernel's handler value, and back. */
static int64_t handler_index(void (*handler)(int)) {
    if (handler == SIG_DFL) return 0;
    if (handler == SIG_IGN) return 1;
    return (int64_t)(uintptr_t)handler + 2;
}

static void (*handler_of(int64_t index))(int) {
    if (index == 0) return SIG_DFL;
    if (index == 1) return SIG_IGN;
    return (void (*)(int))(uintptr_t)(index - 2);
}

int sigaction(int sig, const struct sigaction *restrict action, struct sigaction *restrict old) {
    int64_t results[4];
    int64_t install = action != 0;
    int64_t index = action ? handler_index(action->sa_handler) : 0;
    uint32_t mask = action ? set_word(&action->sa_mask) : 0;
    uint32_t flags = action ? (uint32_t)action->sa_flags : 0;
    int64_t args[8] = {sig, install, index, mask, flags};
    if (__bocal_call_io(BOCAL_SIGACTION, args, 0, 0, 0, 0, results, 0) < 0) return -1;
    if (old) {
        old->sa_handler = handler_of(results[0]);
        set_from_word(&old->sa_mask, (uint64_t)results[1]);
        old->sa_flags = (int)results[2];
    }
    return 0;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old) {
    int64_t change = set != 0;
    int64_t previous = __bocal_call(BOCAL_SIGPROCMASK, how, change, set ? set_word(set) : 0, 0, 0);
    if (previous < 0) return -1;
    if (old) set_from_word(old, (uint64_t)previous);
    return 0;
}

int sigpending(sigset_t *set) {
    int64_t pending = __bocal_call(BOCAL_SIGPENDING, 0, 0, 0, 0, 0);
    if (pending < 0) return -1;
    set_from_word(set, (uint64_t)pending);
    return 0;
}

int sigsuspend(const sigset_t *mask) {
    return (int)__bocal_call(BOCAL_SIGSUSPEND, set_word(mask), 0, 0, 0, 0);
}

/* pause(2): sigsuspend with the current mask. */
int pause(void) {
    sigset_t mask;
    if (sigprocmask(SIG_BLOCK, 0, &mask) < 0) return -1;
    return sigsuspend(&mask);
}

/* Called by the worker to run the handler the kernel chose; errno is kept,
 * as a handler that makes calls must not change what the program sees. */
__attribute__((export_name("__bocal_signal_deliver"))) void __bocal_signal_deliver(int sig,
                                                                                  int index) {
    if (index < 2) return;
    int saved = errno;
    handler_of(index)(sig);
    errno = saved;
}
#endif
