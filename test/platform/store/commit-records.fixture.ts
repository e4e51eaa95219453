// A process that commits N container records named WHO-<i> to the store
// directory DIR, all at once (for records-lock.test.ts).
import { DirectoryBackend } from '../../../src/platform/node/image-store/directory-backend.ts';

const [dir = '', who = '', count = '0'] = process.argv.slice(2);
const backend = new DirectoryBackend(dir);
await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    backend.commitRecords([{ kind: 'container', key: `${who}-${i}`, value: { i } }]),
  ),
);
