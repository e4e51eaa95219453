// --add-host, --dns, --dns-search and --dns-option: the /etc/hosts and
// /etc/resolv.conf they give a container, and the refusals of bad values,
// run on Debian's Docker 20.10 (a native image with dash and cat) and on
// bocal (the box image), compared. The emulated host's /etc/hosts and
// /etc/resolv.conf are the real host's, so the copies can be compared.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerResult } from '../support/docker-engine.ts';
import type { DockerSetup } from './docker-support.ts';
import { onBothSides } from './native-probe-image.ts';
import { networkFilesPair } from './network-files-pair.ts';

let d: DockerSetup;
let image: string;

const real = dockerResult;

/** Both sides, our box image for their native one. */
const both = (args: string[]) => onBothSides(d, image, args);

beforeAll(async () => {
  ({ d, image } = await networkFilesPair());
}, 600_000);

afterAll(async () => {
  await d?.close();
});

const T = 120_000;
const SHOW = ['sh', '-c', 'cat /etc/hosts; echo --; cat /etc/resolv.conf'];

describe('--add-host and the --dns flags', () => {
  it(
    'give the files dockerd writes, on --network none and host',
    async () => {
      const cases = [
        ['--add-host', 'db:10.0.0.5', '--add-host=web:1.2.3.4', '--add-host', 'v6:::1'],
        ['--dns', '1.1.1.1', '--dns', '9.9.9.9'],
        ['--dns-search', 'example.com', '--dns-search', 'b.org'],
        ['--dns-option', 'ndots:2', '--dns-option', 'rotate'],
        [
          '--dns',
          '1.1.1.1',
          '--dns-search',
          'q.org',
          '--dns-option',
          'a b',
          '--add-host',
          'a:1.2.3.4',
        ],
        ['--dns-search', '.'],
      ];
      for (const network of ['none', 'host']) {
        for (const flags of cases) {
          const { ours, theirs } = await both([
            'run',
            '--rm',
            '--network',
            network,
            ...flags,
            'IMAGE',
            ...SHOW,
          ]);
          expect(theirs.status).toBe(0);
          expect(ours, `${network} ${flags.join(' ')}`).toEqual(theirs);
        }
      }
    },
    T * 4,
  );

  it(
    'keep the values in HostConfig as dockerd does',
    async () => {
      const flags = ['--add-host', 'a:1.2.3.4', '--dns', '1.1.1.1', '--dns-option', 'ndots:1'];
      const format =
        '{{json .HostConfig.ExtraHosts}} {{json .HostConfig.Dns}} {{json .HostConfig.DnsSearch}} {{json .HostConfig.DnsOptions}}';
      const name = `bocal-dns-${process.pid}`;
      for (const [args, label] of [
        [flags, 'given'],
        [[], 'none'],
      ] as const) {
        real(['rm', '-f', name]);
        expect(real(['create', '--name', name, ...args, image, 'sh']).status).toBe(0);
        expect((await d.run('create', '--name', name, ...args, 'box', 'sh')).status).toBe(0);
        const theirs = real(['inspect', '--format', format, name]);
        const ours = await d.run('inspect', '--format', format, name);
        expect(ours, label).toEqual(theirs);
        real(['rm', '-f', name]);
        await d.run('rm', '-f', name);
      }
    },
    T,
  );

  it(
    'refuse bad values with the docker CLI’s messages and 125',
    async () => {
      const bad = [
        ['--add-host', 'x'],
        ['--add-host', 'a:b'],
        ['--add-host', 'a:1.2.3.4.5'],
        ['--add-host', 'a:'],
        ['--add-host', ':1.2.3.4'],
        ['--add-host', 'a=1.2.3.4'],
        ['--add-host', 'b:[::1]'],
        ['--dns', 'foo'],
        ['--dns', '1.2.3'],
        ['--dns-search', 'x y'],
        ['--dns-search', 'x..y'],
        ['--dns-search', '123'],
      ];
      for (const flags of bad) {
        const { ours, theirs } = await both([
          'run',
          '--rm',
          ...flags,
          'IMAGE',
          'cat',
          '/etc/hosts',
        ]);
        expect(theirs.status).toBe(125);
        expect(ours, flags.join(' ')).toEqual(theirs);
      }
    },
    T * 2,
  );
});
