// Named volumes (`docker volume create/ls/inspect/rm/prune`, `-v name:/path`):
// their records in the image store (kind `volume`, shaped as the Engine
// API's Volume), their files kept by the runtime while it lives and saved
// as a blob (the `digest` of the record) after each container using them
// stops, so they outlive the process or the page as writable layers do.
import type { Digest } from '../image/digest.ts';
import type { ImageStore } from '../image/image-store.ts';
import type { VolumeContents } from '../runtime/runtime.ts';
import { timestamp } from './container.ts';
import { EngineError } from './errors.ts';

export interface VolumeRecord {
  CreatedAt: string;
  Driver: string;
  Labels: Record<string, string> | null;
  Mountpoint: string;
  Name: string;
  Options: Record<string, string> | null;
  Scope: string;
  /** Its files (an encoded change set blob), once a container has used it. */
  digest?: Digest;
  /** Made for `-v /path` or an image's VOLUME: `volume prune` removes these by default. */
  anonymous?: boolean;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** The fields `docker volume inspect` shows (without the store's own). */
export function volumeDocument(record: VolumeRecord): Omit<VolumeRecord, 'digest' | 'anonymous'> {
  const { digest: _digest, anonymous: _anonymous, ...document } = record;
  return document;
}

export class Volumes {
  constructor(
    private readonly images: ImageStore,
    private readonly runtime: { readonly volumes: VolumeContents },
    private readonly now: () => number,
  ) {}

  list(): Promise<VolumeRecord[]> {
    return this.images.backend
      .listRecords<VolumeRecord>('volume')
      .then((rows) => rows.map((row) => row.value).sort((a, b) => a.Name.localeCompare(b.Name)));
  }

  async find(name: string): Promise<VolumeRecord | undefined> {
    return this.images.backend.getRecord<VolumeRecord>('volume', name);
  }

  async get(name: string): Promise<VolumeRecord> {
    const record = await this.find(name);
    if (!record) throw new EngineError('not-found', `get ${name}: no such volume`);
    return record;
  }

  /** `docker volume create`: an existing volume of that name is returned as it is. */
  async create(
    name: string,
    /** `labels: null` for a volume a container's -v made (dockerd shows null there). */
    options: { labels?: Record<string, string> | null; anonymous?: boolean; driver?: string } = {},
  ): Promise<VolumeRecord> {
    if (/^[a-zA-Z0-9]?$/.test(name)) {
      throw new EngineError(
        'invalid',
        `create ${name}: volume name is too short, names should be at least two alphanumeric characters`,
      );
    }
    if (!NAME.test(name)) {
      throw new EngineError(
        'invalid',
        `create ${name}: "${name}" includes invalid characters for a local volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a host directory, use absolute path`,
      );
    }
    const driver = options.driver ?? 'local';
    if (driver !== 'local') {
      throw new EngineError(
        'not-found',
        `create ${name}: error looking up volume plugin ${driver}: plugin "${driver}" not found`,
      );
    }
    const existing = await this.find(name);
    if (existing) return existing;
    const record: VolumeRecord = {
      CreatedAt: timestamp(this.now()).replace(/\.\d+Z$/, 'Z'),
      Driver: 'local',
      Labels: options.labels === undefined ? {} : options.labels,
      Mountpoint: `/var/lib/docker/volumes/${name}/_data`,
      Name: name,
      Options: options.labels === null ? null : {},
      Scope: 'local',
      ...(options.anonymous ? { anonymous: true } : {}),
    };
    await this.images.backend.commitRecords([{ kind: 'volume', key: name, value: record }]);
    return record;
  }

  /** Gives the runtime the volume's files (from the store) before a container mounts it. */
  async open(name: string): Promise<void> {
    const record = await this.get(name);
    const contents = record.digest ? await this.images.backend.readBlob(record.digest) : undefined;
    this.runtime.volumes.open(name, contents);
  }

  /** Keeps the volume's files as they are now in the runtime. */
  async save(name: string): Promise<void> {
    const record = await this.find(name);
    if (!record) return;
    const previous = record.digest;
    const { digest } = await this.images.putBlob(this.runtime.volumes.contents(name));
    if (digest === previous) return;
    await this.images.backend.commitRecords([
      { kind: 'volume', key: name, value: { ...record, digest } },
    ]);
    if (previous) await this.images.deleteUnreferenced([previous]);
  }

  async remove(name: string): Promise<void> {
    const record = await this.get(name);
    await this.images.backend.commitRecords([{ kind: 'volume', key: name, value: null }]);
    this.runtime.volumes.close(name);
    if (record.digest) await this.images.deleteUnreferenced([record.digest]);
  }

  /** Bytes of its files as last saved (`docker system df`-like sizes). */
  async size(record: VolumeRecord): Promise<number> {
    if (!record.digest) return 0;
    return (await this.images.backend.blobSize(record.digest)) ?? 0;
  }
}
