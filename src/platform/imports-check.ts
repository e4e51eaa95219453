// Checks a module's imports before it runs, so a program that needs
// something we do not provide fails at exec with a clear message (ENOEXEC),
// not with a LinkError in a worker.

/** Import modules the worker provides, and the functions of each. */
export const providedImports: Record<string, ReadonlySet<string>> = {
  wasi_snapshot_preview1: new Set([
    'args_get',
    'args_sizes_get',
    'environ_get',
    'environ_sizes_get',
    'clock_res_get',
    'clock_time_get',
    'fd_advise',
    'fd_allocate',
    'fd_close',
    'fd_datasync',
    'fd_fdstat_get',
    'fd_fdstat_set_flags',
    'fd_fdstat_set_rights',
    'fd_filestat_get',
    'fd_filestat_set_size',
    'fd_filestat_set_times',
    'fd_pread',
    'fd_prestat_get',
    'fd_prestat_dir_name',
    'fd_pwrite',
    'fd_read',
    'fd_readdir',
    'fd_renumber',
    'fd_seek',
    'fd_sync',
    'fd_tell',
    'fd_write',
    'path_create_directory',
    'path_filestat_get',
    'path_filestat_set_times',
    'path_link',
    'path_open',
    'path_readlink',
    'path_remove_directory',
    'path_rename',
    'path_symlink',
    'path_unlink_file',
    'poll_oneoff',
    'proc_exit',
    'proc_raise',
    'sched_yield',
    'random_get',
    'sock_accept',
    'sock_recv',
    'sock_send',
    'sock_shutdown',
  ]),
  // The extension (src/worker/bocal-v1.ts, docs/abi.md).
  bocal_v1: new Set(['syscall']),
};

/** The first import the module needs that we do not provide, described; or undefined. */
export function missingImport(module: WebAssembly.Module): string | undefined {
  for (const entry of WebAssembly.Module.imports(module)) {
    if (entry.kind !== 'function') {
      return `imports a ${entry.kind} ${entry.module}.${entry.name}, which bocal does not provide`;
    }
    const names = providedImports[entry.module];
    if (!names) return `imports from unknown module "${entry.module}" (${entry.name})`;
    if (!names.has(entry.name)) return `imports unknown function ${entry.module}.${entry.name}`;
  }
  return undefined;
}
