// Manifests, indexes and configs from untrusted bytes: OCI and Docker v2
// schema 2 types accepted, anything malformed or unknown refused with an
// error that says what is wrong.
import { describe, expect, it } from 'vitest';
import { parseConfig, parseIndex, parseManifest } from '../../src/image/manifest.ts';
import { MediaType } from '../../src/image/media-types.ts';

const json = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const digest = (c: string) => `sha256:${c.repeat(64)}`;
const manifest = (overrides: Record<string, unknown> = {}) => ({
  schemaVersion: 2,
  mediaType: MediaType.dockerManifest,
  config: { mediaType: MediaType.dockerConfig, digest: digest('a'), size: 10 },
  layers: [{ mediaType: MediaType.dockerLayerGzip, digest: digest('b'), size: 20 }],
  ...overrides,
});

describe('parseManifest', () => {
  it('accepts Docker v2 schema 2 and OCI manifests', () => {
    expect(parseManifest(json(manifest())).layers[0]!.size).toBe(20);
    const oci = manifest({
      mediaType: MediaType.ociManifest,
      config: { mediaType: MediaType.ociConfig, digest: digest('a'), size: 1 },
    });
    expect(parseManifest(json(oci)).mediaType).toBe(MediaType.ociManifest);
  });

  it.each([
    ['not JSON', new TextEncoder().encode('{nope'), 'image manifest: malformed JSON'],
    ['an array', json([]), 'image manifest: not a JSON object'],
    [
      'schema 1',
      json(manifest({ schemaVersion: 1 })),
      'image manifest: unsupported schemaVersion 1',
    ],
    [
      'an index',
      json(manifest({ mediaType: MediaType.ociIndex })),
      'unsupported manifest media type "application/vnd.oci.image.index.v1+json"',
    ],
    [
      'a zstd layer',
      json(
        manifest({
          layers: [
            {
              mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd',
              digest: digest('b'),
              size: 1,
            },
          ],
        }),
      ),
      'unsupported layer media type "application/vnd.oci.image.layer.v1.tar+zstd"',
    ],
    [
      'a bad digest',
      json(
        manifest({ layers: [{ mediaType: MediaType.ociLayer, digest: 'sha256:xyz', size: 1 }] }),
      ),
      'invalid image manifest layers[0] digest: "sha256:xyz"',
    ],
    [
      'another algorithm',
      json(
        manifest({
          layers: [{ mediaType: MediaType.ociLayer, digest: `sha512:${'c'.repeat(128)}`, size: 1 }],
        }),
      ),
      'unsupported digest algorithm',
    ],
    [
      'a negative size',
      json(
        manifest({ layers: [{ mediaType: MediaType.ociLayer, digest: digest('b'), size: -1 }] }),
      ),
      'descriptor size must be a non-negative integer',
    ],
    [
      'an unknown config type',
      json(manifest({ config: { mediaType: 'text/plain', digest: digest('a'), size: 1 } })),
      'unsupported config media type "text/plain"',
    ],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => parseManifest(bytes)).toThrow(
      expect.objectContaining({
        code: 'invalid-content',
        message: expect.stringContaining(message),
      }),
    );
  });

  it('refuses an oversized document before parsing it', () => {
    expect(() => parseManifest(new Uint8Array(5 * 1024 * 1024))).toThrow(
      expect.objectContaining({ code: 'too-large' }),
    );
  });
});

describe('parseIndex and parseConfig', () => {
  it('reads an index with platforms and annotations', () => {
    const index = parseIndex(
      json({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: MediaType.ociManifest,
            digest: digest('d'),
            size: 3,
            platform: { os: 'wasi', architecture: 'wasm' },
            annotations: { 'org.opencontainers.image.ref.name': 'latest' },
          },
        ],
      }),
    );
    expect(index.manifests[0]).toMatchObject({
      platform: { os: 'wasi', architecture: 'wasm' },
      annotations: { 'org.opencontainers.image.ref.name': 'latest' },
    });
    expect(() => parseIndex(json({ schemaVersion: 2, manifests: {} }))).toThrow(
      'manifests must be an array',
    );
  });

  it('needs os, architecture and layer diff IDs in a config, and typed container fields', () => {
    const good = {
      os: 'linux',
      architecture: 'amd64',
      rootfs: { type: 'layers', diff_ids: [digest('e')] },
      config: { Cmd: ['sh'] },
    };
    expect(parseConfig(json(good)).config?.Cmd).toEqual(['sh']);
    expect(() => parseConfig(json({ ...good, os: '' }))).toThrow('image config: os is missing');
    expect(() => parseConfig(json({ ...good, rootfs: { type: 'layers' } }))).toThrow(
      'rootfs must be',
    );
    expect(() => parseConfig(json({ ...good, config: { Cmd: 'sh' } }))).toThrow(
      'config.Cmd must be an array of strings',
    );
  });
});
