// UTF-8 for the kernel. TextEncoder and TextDecoder exist in every host we
// run on (browsers, workers, Node) but are not part of ECMAScript, so the
// kernel's DOM-free compile reaches them through globalThis, here only.
interface Encoding {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
}

const host = globalThis as unknown as Encoding;
const encoder = new host.TextEncoder();
const decoder = new host.TextDecoder();

export const encodeUtf8 = (text: string): Uint8Array => encoder.encode(text);

/**
 * encodeUtf8(text).length without encoding: every path walk checks its
 * components' lengths, and an encoding each cost an allocation. A lone
 * surrogate counts 3, as the encoder's U+FFFD.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit < 0xdc00 && unit >= 0xd800 && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 2; // two units, four bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

const isLowSurrogate = (unit: number): boolean => unit >= 0xdc00 && unit < 0xe000;
/**
 * Browsers' TextDecoder refuses views of a SharedArrayBuffer (the syscall
 * channel); Node accepts them. Such bytes are copied first.
 */
export const decodeUtf8 = (bytes: Uint8Array): string =>
  decoder.decode(bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice());
