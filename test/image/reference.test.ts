// Docker reference parsing: the normalisation `docker pull/tag/run` apply and
// the "invalid reference format" errors the CLI prints (exit 125).
import { describe, expect, it } from 'vitest';
import {
  familiarName,
  familiarString,
  formatReference,
  parseNormalizedNamed,
  parseReference,
} from '../../src/image/reference.ts';

const digest = `sha256:${'ab'.repeat(32)}`;

describe('parseReference', () => {
  it.each([
    ['box', 'docker.io/library/box:latest', 'box:latest'],
    ['box:1.0', 'docker.io/library/box:1.0', 'box:1.0'],
    ['me/app', 'docker.io/me/app:latest', 'me/app:latest'],
    ['docker.io/box', 'docker.io/library/box:latest', 'box:latest'],
    ['index.docker.io/library/box:v2', 'docker.io/library/box:v2', 'box:v2'],
    ['localhost/app', 'localhost/app:latest', 'localhost/app:latest'],
    ['localhost:5000/a/b:c', 'localhost:5000/a/b:c', 'localhost:5000/a/b:c'],
    [
      'registry.example.com/team/tool:1.2-rc_3',
      'registry.example.com/team/tool:1.2-rc_3',
      'registry.example.com/team/tool:1.2-rc_3',
    ],
    ['[::1]:5000/x', '[::1]:5000/x:latest', '[::1]:5000/x:latest'],
    ['a__b/c.d-e--f', 'docker.io/a__b/c.d-e--f:latest', 'a__b/c.d-e--f:latest'],
    [`box@${digest}`, `docker.io/library/box@${digest}`, `box@${digest}`],
    [`box:tag@${digest}`, `docker.io/library/box:tag@${digest}`, `box:tag@${digest}`],
  ])('%s is %s', (text, canonical, familiar) => {
    const reference = parseReference(text);
    expect(formatReference(reference)).toBe(canonical);
    expect(familiarString(reference)).toBe(familiar);
  });

  it('a domain-looking first part with uppercase is a domain (so the path decides)', () => {
    expect(parseReference('Example/app').domain).toBe('Example');
  });

  it('keeps no tag when only a name is asked for', () => {
    expect(parseNormalizedNamed('box').tag).toBeUndefined();
    expect(familiarName(parseNormalizedNamed('me/app:1'))).toBe('me/app');
  });

  it.each([
    ['', 'invalid reference format'],
    ['Box', 'invalid reference format: repository name must be lowercase'],
    ['me/App:1', 'invalid reference format: repository name must be lowercase'],
    ['box:', 'invalid reference format'],
    ['box:-x', 'invalid reference format'],
    [`box:${'t'.repeat(129)}`, 'invalid reference format'],
    ['box@sha256:abc', 'invalid reference format'],
    ['-box', 'invalid reference format'],
    ['box_', 'invalid reference format'],
    ['a//b', 'invalid reference format'],
    ['a b', 'invalid reference format'],
    ['box:latest:x', 'invalid reference format'],
    [
      `a/${'x'.repeat(260)}`,
      'invalid reference format: repository name must not be more than 255 characters',
    ],
    [
      'f'.repeat(64),
      `invalid repository name (${'f'.repeat(64)}), cannot specify 64-byte hexadecimal strings`,
    ],
  ])('%j is refused: %s', (text, message) => {
    expect(() => parseReference(text)).toThrow(
      expect.objectContaining({ code: 'invalid-reference', message }),
    );
  });
});
