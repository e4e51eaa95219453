// Serves build/images/ (the built-in images' OCI layouts) as plain static
// files from Vite's dev and preview servers, and copies it into the
// production build. Needed because an OCI layout's names have no extension
// (`oci-layout`, `blobs/sha256/<hex>`), and Vite's dev server would take
// such a request for a JavaScript module and transform it.
import { cpSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connect, Plugin } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const PREFIX = '/build/images/';
const directory = join(root, 'build', 'images');

const serve: Connect.NextHandleFunction = (req, res, next) => {
  const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
  if (!url.startsWith(PREFIX) || url.split('/').includes('..')) return next();
  const file = join(directory, url.slice(PREFIX.length));
  if (!existsSync(file) || !statSync(file).isFile()) return next();
  res.setHeader(
    'Content-Type',
    file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
  );
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.end(readFileSync(file));
};

export function serveBuiltinImages(): Plugin {
  let outDir = 'dist';
  return {
    name: 'bocal-builtin-images',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    configureServer(server) {
      server.middlewares.use(serve);
    },
    configurePreviewServer(server) {
      server.middlewares.use(serve);
    },
    writeBundle() {
      if (existsSync(directory))
        cpSync(directory, join(root, outDir, 'build', 'images'), { recursive: true });
    },
  };
}
