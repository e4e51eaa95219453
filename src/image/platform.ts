// Platforms as `--platform` spells them: os/arch[/variant].
import { ImageError } from './errors.ts';
import type { Platform } from './manifest.ts';

/** The platform of bocal's own images: Docker's name for WebAssembly. */
export const WASI_PLATFORM: Platform = { os: 'wasi', architecture: 'wasm' };

export function parsePlatform(text: string): Platform {
  const parts = text.trim().toLowerCase().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) {
    throw new ImageError(
      'invalid-content',
      `"${text}": unknown operating system or architecture: invalid argument`,
    );
  }
  const [os, architecture, variant] = parts as [string, string, string?];
  return variant ? { os, architecture, variant } : { os, architecture };
}

export const formatPlatform = (p: Platform): string =>
  [p.os, p.architecture, p.variant].filter(Boolean).join('/');
