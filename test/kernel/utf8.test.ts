// utf8Length counts what encodeUtf8 would produce, without encoding: the
// path walk's ENAMETOOLONG checks rely on it.
import { describe, expect, it } from 'vitest';
import { encodeUtf8, utf8Length } from '../../src/kernel/utf8.ts';

describe('utf8Length', () => {
  it('is the length of the UTF-8 encoding, lone surrogates counted as U+FFFD', () => {
    const texts = [
      '',
      'plain/ascii',
      'café',
      '€uro',
      'emoji 😀 pair',
      'lone \ud800 high',
      'lone \udc00 low',
      'high at end \ud83d',
      '\ud83d\ud83d\ude00',
      'x'.repeat(300),
    ];
    for (const text of texts) expect(utf8Length(text), text).toBe(encodeUtf8(text).length);
  });
});
