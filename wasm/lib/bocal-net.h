/* bocal-net.h: bocal's network configuration calls, its stand-in for
 * rtnetlink (src/kernel/syscalls/net-config.ts, docs/abi.md): the caller's
 * network namespace as text lines, and bringing a device up or down.
 * WASI only; natively `ip` reads the same lines from ip-native.c. */
#ifndef BOCAL_NET_H
#define BOCAL_NET_H

#ifdef __wasi__
#include <stddef.h>

/* Syscall numbers (src/kernel/abi/syscalls.ts). */
enum { BOCAL_NET_CONFIG = 260, BOCAL_NET_LINK_SET };

/* The namespace's links, addresses and routes as NUL-terminated text
 * (malloc'd, for free), or NULL with errno set. */
char *bocal_net_config(void);
/* Sets the IFF_* flags in `mask` of device `name` to those of `flags`: 0,
 * or -1 with errno (ENODEV, EPERM, EINVAL). */
int bocal_net_link_set(const char *name, unsigned mask, unsigned flags);
#endif

#endif
