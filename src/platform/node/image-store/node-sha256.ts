// Native sha256 for Node (OpenSSL through node:crypto): several times faster
// than the portable hasher, which matters when loading big layers.
import { createHash } from 'node:crypto';
import type { Sha256Factory } from '../../../image/digest.ts';

export const nodeSha256: Sha256Factory = () => {
  const hash = createHash('sha256');
  return {
    update: (chunk) => void hash.update(chunk),
    hex: () => hash.digest('hex'),
  };
};
