/* bocal-shm-hook.c: the hook through which sleeps and waits sync System V
 * shared memory copies (bocal-ipc-shm.c sets it at the first shmat), so
 * that a program polling a flag with sleep, or a parent that writes then
 * waits for its child, works with copy-based segments. A program that never
 * attaches one does not link the shared memory code for it. */
#ifdef __wasi__
#include "bocal.h"

void (*__bocal_shm_sync_hook)(void);
#endif
