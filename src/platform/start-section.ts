// Whether a module has a start function (section 8, WebAssembly core spec
// 5.5.10), which runs when the module is instantiated. A worker makes the
// next instance of a program ahead, while it is idle (worker/program-instance.ts),
// only for a module without one: a start function that never returned, or
// that trapped, would otherwise do so in an idle worker, outside any process.
const START_SECTION = 8;

/** True if `bytes` has a start section, or cannot be read far enough to tell. */
export function hasStartSection(bytes: Uint8Array): boolean {
  let at = 8; // magic and version
  while (at < bytes.length) {
    const id = bytes[at++]!;
    let size = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[at++];
      if (byte === undefined || scale > 2 ** 28) return true;
      size += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) break;
      scale *= 128;
    }
    if (id === START_SECTION) return true;
    at += size;
  }
  return at !== bytes.length;
}
