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
 * Browsers' TextDecoder refuses views of a SharedArrayBuffer (the syscall
 * channel); Node accepts them. Such bytes are copied first.
 */
export const decodeUtf8 = (bytes: Uint8Array): string =>
  decoder.decode(bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice());
