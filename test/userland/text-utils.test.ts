// The box text utilities (sed awk diff cmp od hexdump xxd base64 sha256sum
// md5sum paste realpath chmod chown groups test [) against Debian's tools:
// GNU sed 4.9, mawk 1.3.4 as awk (Debian's default awk; gawk-only extensions
// are not ours to match), GNU diffutils, coreutils 9.1, util-linux's
// hexdump and vim's xxd. Each command line, with an optional standard
// input, runs in a fresh scratch directory three ways (the reference tool,
// native box, box on bocal); stdout, stderr and the exit status must all
// equal the reference's, except where a case names a justified difference.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { BoxKernel, ENV, hostScratch, prepareHost } from '../support/box.ts';
import type { BoxResult, ScratchEntry } from '../support/box.ts';
import { nativePath } from '../support/programs.ts';

/** The reference of each applet, when it is not /usr/bin/NAME, and its Debian package. */
const references: Record<string, { path?: string; pkg: string }> = {
  awk: { path: '/usr/bin/mawk', pkg: 'mawk' },
  xxd: { pkg: 'xxd' },
  hexdump: { pkg: 'bsdextrautils' },
  diff: { pkg: 'diffutils' },
  cmp: { pkg: 'diffutils' },
};

const referencePath = (name: string): string => references[name]?.path ?? `/usr/bin/${name}`;

/** Installs the reference tools this machine lacks (Debian packages), or fails loudly. */
function ensureReferences(names: string[]): void {
  const missing = [
    ...new Set(names.filter((n) => !existsSync(referencePath(n))).map((n) => references[n]!.pkg)),
  ];
  if (missing.length === 0) return;
  execFileSync('apt-get', ['install', '-y', ...missing], { stdio: 'inherit' });
}

const files: ScratchEntry[] = [
  { file: 'n.txt', content: 'one\ntwo\nthree\nfour\nfive\nsix\n' },
  {
    file: 'p.txt',
    content:
      'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n' +
      'bin:x:2:2:bin:/bin:/usr/sbin/nologin\n',
  },
  { file: 'nn.txt', content: 'no newline' },
  { file: 'nums', content: '3 apples\n10 pears\n7 plums\n10 figs\n' },
  { file: 'para', content: 'a b\nc\n\n\nd e f\ng\n' },
  { file: 'prog.awk', content: '{ total += $1 }\nEND { print "total", total }\n' },
  { file: 'script.sed', content: 's/o/0/g\n/^t/d\n' },
  { file: 'n3.txt', content: 'one\ntwo\nthree\n' },
  { file: 'empty' },
  { file: 'bin', content: 'a\0b' },
  { file: 's1', content: Array.from({ length: 30 }, (_, i) => `${i + 1}\n`).join('') },
  {
    file: 's2',
    content: Array.from({ length: 30 }, (_, i) => i + 1)
      .filter((i) => i !== 12)
      .map((i) => (i === 5 ? 'five' : i === 6 ? 'six' : i === 20 ? 'twenty' : `${i}`))
      .map((l) => (l === '28' ? '28\nextra\n' : `${l}\n`))
      .join(''),
  },
  { file: 'l1', content: 'a\nb\nc\nd\ne\nf\ng\n' },
  { file: 'l2', content: 'a\nx\nc\nd\ny\nf\ng\nh\n' },
  { file: 'l3', content: 'b\na\nb\nc\n' },
  { file: 'l4', content: 'a\nb\nc\nb\n' },
  { file: 'd1/a', content: 'x\n' },
  { file: 'd2/a', content: 'y\n' },
  { file: 'd1/s', content: 'same\n' },
  { file: 'd2/s', content: 'same\n' },
  { file: 'd1/sub/f', content: 'q\n' },
  { file: 'd2/sub/f', content: 'r\n' },
  { file: 'd2/o2', content: 'o\n' },
  { dir: 'd1/only1' },
  {
    file: 'sha.sum',
    content:
      '4e273b2b1baef53161f91bf885e1e6276a99eb45f6059a57ef6ba19e8ede8f5c  n.txt\n0000  p.txt\n' +
      'garbage\n84629f9a7125f5b50e9767df4fea1e93b34462b57bd35a12ebca2b52520f5c84  missing\n' +
      '84629f9a7125f5b50e9767df4fea1e93b34462b57bd35a12ebca2b52520f5c84  p.txt\n',
  },
  {
    file: 'md5.sum',
    content:
      'b256e7fa23f105539085c7c895557c41  n.txt\nb256e7fa23f105539085c7c895557c41 *p.txt\n' +
      'MD5 (nn.txt) = 9a7e4bc3b1e2a6bbd4b1c7fc9b9a3e0c\n',
  },
  { dir: 'd' },
  { file: 'aa', content: 'a'.repeat(66) },
  { file: 'ctl', content: '\u0000\u0001\u007f\u001b hi\r\n\t\u0008' },
  { file: 'f1' },
  { file: 'x.sh', content: 'echo hi\n', mode: 0o755 },
  { file: 'cd/sub/x', content: 'x\n' },
  { symlink: 'lnk', target: 'n.txt' },
  { symlink: 'dangling', target: 'nowhere' },
  { file: 'p.hex', content: '726f6f743a783a303a303a726f6f740a\n' },
  {
    file: 'nn.dump',
    content: '00000000: 6e6f 206e 6577 6c69 6e65                 no newline\n',
  },
];

interface Case {
  argv: string[];
  stdin?: string;
  /** Files the command writes, shown after its stdout. */
  shows?: string[];
  /** A command run after it (the reference's, or box's on bocal), its stdout appended: stat. */
  then?: string[];
  /**
   * A justified difference: stderr is compared only for being empty or
   * not. test and [ are the shell's own test builtin, as the project
   * chose, so their messages are dash's wording, not coreutils'.
   */
  shellWording?: true;
  /** A known bug of box on bocal (the reason): the case runs as it.fails. */
  knownBug?: string;
  /**
   * A justified difference: stderr is compared up to its `Usage:` line
   * (or coreutils' `Try '... --help'` pointer to it), which must be there,
   * but not from it on: that is the tool's own long usage text (ours is our
   * own wording, as the project writes its help texts).
   */
  usageText?: true;
}

const cases: Case[] = [
  // sed
  { argv: ['sed', '-n', '2p', 'n.txt'] },
  { argv: ['sed', '2,4d', 'n.txt'] },
  { argv: ['sed', '-n', '/two/,/four/p', 'n.txt'] },
  { argv: ['sed', 's/o/0/g', 'n.txt'] },
  { argv: ['sed', '-n', '$p', 'n.txt', 'nn.txt'] },
  { argv: ['sed', 'p', 'nn.txt'] },
  { argv: ['sed', '$a end', 'nn.txt'] },
  { argv: ['sed', '1~2d', 'n.txt'] },
  { argv: ['sed', '-n', '2,+2p', 'n.txt'] },
  { argv: ['sed', '-n', '/two/,+1p;/five/,~4p', 'n.txt'] },
  { argv: ['sed', '0,/o/s/o/X/', 'n.txt'] },
  { argv: ['sed', '-e', '1i\\', '-e', 'head', 'n.txt'] },
  { argv: ['sed', '2a after', 'n.txt'] },
  { argv: ['sed', '2i\\  before', 'n.txt'] },
  { argv: ['sed', '2,3c changed', 'n.txt'] },
  { argv: ['sed', 'y/abcdefghijklmnopqrstuvwxyz/ABCDEFGHIJKLMNOPQRSTUVWXYZ/', 'n.txt'] },
  { argv: ['sed', '=', 'n.txt'] },
  { argv: ['sed', '-n', 'l', 'p.txt'] },
  { argv: ['sed', '-n', 'l 12', 'p.txt'] },
  { argv: ['sed', '-n', 'l'], stdin: 'a\tb\u0001\\c\n' },
  { argv: ['sed', 'N;P;D', 'n.txt'] },
  { argv: ['sed', '$!N;s/\\n/ /', 'n.txt'] },
  { argv: ['sed', '-n', 'h;n;G;p', 'n.txt'] },
  { argv: ['sed', '1!G;h;$!d', 'n.txt'] },
  { argv: ['sed', ':a;N;$!ba;s/\\n/,/g', 'n.txt'] },
  { argv: ['sed', '-n', 'H;${x;s/\\n/+/g;p}', 'n.txt'] },
  { argv: ['sed', 's/\\(.*\\):x:\\([0-9]*\\).*/\\2 \\1/', 'p.txt'] },
  { argv: ['sed', '-E', 's/([a-z]+):x:([0-9]+).*/\\2 \\1/', 'p.txt'] },
  { argv: ['sed', '-r', 's/(o+)|(e+)/<\\1\\2>/g', 'n.txt'] },
  { argv: ['sed', 's/[aeiou]/<&>/2g', 'n.txt'] },
  { argv: ['sed', 's/e/E/2', 'n.txt'] },
  { argv: ['sed', 's/x*/-/g', 'n.txt'] },
  { argv: ['sed', 's/o/\\n/', 'n.txt'] },
  { argv: ['sed', 's/\\w\\+/[\\u&]/', 'n.txt'] },
  { argv: ['sed', 's/.*/\\U&/;s/O/\\lO/'], stdin: 'hello world\n' },
  { argv: ['sed', 's|/|\\||g', 'p.txt'] },
  { argv: ['sed', '-n', '/[/]bash/p', 'p.txt'] },
  { argv: ['sed', 's/T/X/ig', 'n.txt'] },
  { argv: ['sed', '-n', '/O/Ip', 'n.txt'] },
  { argv: ['sed', '3q', 'n.txt'] },
  { argv: ['sed', '3Q', 'n.txt'] },
  { argv: ['sed', '2q5', 'n.txt'] },
  { argv: ['sed', '-s', '-n', '$p', 'n.txt', 'p.txt'] },
  { argv: ['sed', '-s', '-n', '1p', 'n.txt', 'p.txt'] },
  { argv: ['sed', '-n', '/^t/{s/t/T/;p}', 'n.txt'] },
  { argv: ['sed', '-n', '-e', '2{', '-e', 'p', '-e', '}', 'n.txt'] },
  { argv: ['sed', '2!{s/o/O/}', 'n.txt'] },
  { argv: ['sed', '/o/!d', 'n.txt'] },
  { argv: ['sed', '2,4!d', 'n.txt'] },
  { argv: ['sed', '2r p.txt', 'n.txt'] },
  { argv: ['sed', '1R p.txt', 'n.txt'] },
  { argv: ['sed', '-n', '2w out', 'n.txt'], shows: ['out'] },
  { argv: ['sed', 's/o/0/w changed', 'n.txt'], shows: ['changed'] },
  { argv: ['sed', 's/o/0/w /dev/stdout', 'n.txt'] },
  { argv: ['sed', 'x;G', 'n.txt'] },
  { argv: ['sed', 'n;d', 'n.txt'] },
  { argv: ['sed', '$d', 'n.txt'] },
  { argv: ['sed', 'z;s/^$/E/', 'n.txt'] },
  { argv: ['sed', '-s', 'F', 'n.txt', 'nn.txt'] },
  { argv: ['sed', 's/one/1/;t;s/$/ (not one)/', 'n.txt'] },
  { argv: ['sed', 's/one/1/;T;s/$/ (was one)/', 'n.txt'] },
  { argv: ['sed', '-f', 'script.sed', 'n.txt'] },
  { argv: ['sed', '-n', '--expression=3p', '--quiet', 'n.txt'] },
  { argv: ['sed', '#n\n2p', 'n.txt'] },
  { argv: ['sed', '-i', 's/o/0/;2d', 'n.txt'], shows: ['n.txt'] },
  { argv: ['sed', '-i.bak', '1d', 'n.txt', 'p.txt'], shows: ['n.txt', 'p.txt', 'n.txt.bak'] },
  { argv: ['sed', '-i', '3q', 'n.txt'], shows: ['n.txt'] },
  { argv: ['sed', 's/ /_/'], stdin: 'a b\nc d\n' },
  { argv: ['sed', 's/x/[&]/', '-'], stdin: 'x\n' },
  { argv: ['sed', 'c\\', 'n.txt'] },
  { argv: ['sed', 'k', 'n.txt'] },
  { argv: ['sed', 'p', 'missing', 'n.txt'] },
  { argv: ['sed', 's/a/b'] },
  { argv: ['sed', 's/a/b/gg'] },
  { argv: ['sed', 's/a/\\2/'] },
  { argv: ['sed', 's/\\(a/x/'] },
  { argv: ['sed', 'y/abc/xy/'] },
  { argv: ['sed', 'bnowhere'] },
  { argv: ['sed', '}'] },
  { argv: ['sed', '{p'] },
  { argv: ['sed', '1,2,3p'] },
  { argv: ['sed', '0p'] },
  { argv: ['sed', 'dp'] },
  { argv: ['sed', '/x'] },
  { argv: ['sed', 'r'] },
  { argv: ['sed', ': '] },
  { argv: ['sed', 'a'] },
  { argv: ['sed', '-f', 'missing', 'n.txt'] },
  { argv: ['sed', '-k'], usageText: true },
  { argv: ['sed'], usageText: true },
  // awk (mawk)
  { argv: ['awk', '{print $2}'], stdin: 'a b c\nd e f\n' },
  { argv: ['awk', '-F:', '{print $1, $NF}', 'p.txt'] },
  { argv: ['awk', '-F', '[:/]', '{ print $7 }', 'p.txt'] },
  { argv: ['awk', 'BEGIN { FS = ":" } { print $6 }', 'p.txt'] },
  { argv: ['awk', '{n++} END {print n, NR}', 'n.txt'] },
  {
    argv: [
      'awk',
      'BEGIN{print 1e17, 2^53, 1e30, 0.1+0.2, 100000*100000, 3/2, -3%2, int(-3.7), 2^31, 1/0}',
    ],
  },
  { argv: ['awk', '/o/', 'n.txt'] },
  { argv: ['awk', 'NR==2,NR==4 {print NR": "$0}', 'n.txt'] },
  { argv: ['awk', '/two/,/four/', 'n.txt'] },
  {
    argv: ['awk', '{ s = s $0 } END { print length(s), substr(s, 3, 4), index(s, "ee") }', 'n.txt'],
  },
  {
    argv: ['awk', 'BEGIN { n = split("a:b:c", a, ":"); for (i = 1; i <= n; i++) print i, a[i] }'],
  },
  {
    argv: [
      'awk',
      'BEGIN { n = split(" x  y ", a); print n, a[1] a[2]; print split("a1b22c", b, /[0-9]+/), b[3] }',
    ],
  },
  { argv: ['awk', '{ gsub(/o/, "0"); print }', 'n.txt'] },
  { argv: ['awk', '{ sub(/e/, "[&]"); print }', 'n.txt'] },
  {
    argv: [
      'awk',
      'BEGIN{ s = "aaa"; n = gsub(/a*/, "-", s); print n, s; t = "abc"; gsub(//, "-", t); print t; u = "hello"; gsub(/l/, "\\\\&", u); print u }',
    ],
  },
  {
    argv: [
      'awk',
      'BEGIN { printf "%d %5.2f %s %c %c %x %o %e %i|%-5s|%05d\\n", 3.9, 3.14159, "s", 65, "hello", 255, 8, 1234.5, 7, "ab", 42 }',
    ],
  },
  {
    argv: [
      'awk',
      'BEGIN { printf "%5s|%-5d|%.3s|%+d|% d|%%|%*d|%.*f\\n", "ab", 3, "abcdef", 5, 7, 4, 9, 2, 3.14159 }',
    ],
  },
  { argv: ['awk', 'BEGIN { s = sprintf("%03d-%s", 7, "x"); print s, length(s) }'] },
  { argv: ['awk', 'function f(x) { return x * 2 } { print f(NR) }', 'n.txt'] },
  {
    argv: [
      'awk',
      'function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) } BEGIN { print fact(10) }',
    ],
  },
  {
    argv: [
      'awk',
      'function fill(arr, n,  i) { for (i = 1; i <= n; i++) arr[i] = i * i } BEGIN { fill(sq, 4); print length(sq), sq[3] }',
    ],
  },
  {
    argv: [
      'awk',
      'BEGIN { x["a"]=1; x["b"]=2; delete x["a"]; for (k in x) print k, x[k]; print ("a" in x), ("b" in x); delete x; print length(x) }',
    ],
  },
  {
    argv: [
      'awk',
      'BEGIN { x[1,2] = 3; for (k in x) { split(k, p, SUBSEP); print p[1], p[2] }; if ((1,2) in x) print "yes" }',
    ],
  },
  {
    argv: [
      'awk',
      'BEGIN { print match("foobar", /o+/), RSTART, RLENGTH; print match("x", /y/), RSTART, RLENGTH; print toupper("abc") tolower("DEF") }',
    ],
  },
  { argv: ['awk', '{ $2 = "X"; print; print NF }', 'p.txt'] },
  { argv: ['awk', '-F:', '-v', 'OFS=-', '{ $1 = $1; print }', 'p.txt'] },
  { argv: ['awk', '{ NF = 2; print }', 'n.txt'] },
  { argv: ['awk', '{ $5 = "e"; print; print NF }'], stdin: 'a b\n' },
  { argv: ['awk', '{ print $(NF-1) }', 'p.txt'] },
  { argv: ['awk', '{ $0 = "x y z"; print $2, NF }'], stdin: 'a\n' },
  {
    argv: [
      'awk',
      'BEGIN { while ((getline line < "n.txt") > 0) c++; print c; close("n.txt"); getline < "n.txt"; print $0 }',
    ],
  },
  {
    argv: ['awk', 'BEGIN { "echo hi there" | getline; print $2; "echo a b" | getline x; print x }'],
  },
  {
    argv: [
      'awk',
      'NR==1 { getline; print "got", $0 } NR==3 { getline v; print "v", v, NR }',
      'n.txt',
    ],
  },
  {
    argv: [
      'awk',
      'BEGIN { while (("echo a; echo b" | getline l) > 0) print "got " l; print close("echo a; echo b") }',
    ],
  },
  { argv: ['awk', 'BEGIN { print (getline x < "missing") }'] },
  {
    argv: [
      'awk',
      '{ print $1 > "out.txt" } END { close("out.txt"); while ((getline l < "out.txt") > 0) print "r", l }',
      'n.txt',
    ],
  },
  { argv: ['awk', '{ print $1 >> "p.txt" }', 'n.txt'], shows: ['p.txt'] },
  { argv: ['awk', '{ print | "sort -r" }', 'n.txt'] },
  { argv: ['awk', '{ print $2 | "sort"; } END { close("sort"); print "after" }', 'nums'] },
  { argv: ['awk', 'BEGIN { print system("exit 3"), system("echo hi") }'] },
  { argv: ['awk', 'BEGIN { printf "a"; system(""); print "b" }'] },
  { argv: ['awk', 'BEGIN { print substr("hello", 2) > "/dev/stderr" }'] },
  { argv: ['awk', '$0 ~ "^t"', 'n.txt'] },
  { argv: ['awk', '$1 !~ /^[0-9]+$/ || $1 > 5', 'nums'] },
  { argv: ['awk', 'BEGIN { r = "^[a-c]+$"; print ("abc" ~ r), ("abd" ~ r) }'] },
  {
    argv: [
      'awk',
      'BEGIN { x = 5; x += 2; x -= 1; x *= 3; x /= 2; x %= 5; x ^= 2; print x; print x++ + ++x, x-- , --x }',
    ],
  },
  {
    argv: [
      'awk',
      'BEGIN { if (!(3 > 2)) print "no"; else print "yes"; do { i++ } while (i < 5); print i }',
    ],
  },
  {
    argv: [
      'awk',
      'BEGIN { for (;;) { if (++n > 3) break }; print n; for (i = 0; i < 10; i++) { if (i % 2) continue; s = s i }; print s }',
    ],
  },
  { argv: ['awk', '{ print NR; next; print "never" } END { print "end" }', 'n.txt'] },
  { argv: ['awk', 'BEGIN { exit 3 } END { print "end runs" }'] },
  { argv: ['awk', '{ exit } END { print NR }', 'n.txt'] },
  { argv: ['awk', 'function g(x) { if (x > 2) exit x; return x } { print g(NR) }', 'n.txt'] },
  { argv: ['awk', 'END { exit 4; print "no" } END { print "no2" }', 'n.txt'] },
  { argv: ['awk', 'BEGIN { while (1) { if (++i > 3) exit; print i } }'] },
  { argv: ['awk', 'BEGIN { print 1 == 1.0, "a" < "b", 2 < 10, "2" < "10", "abc" ~ /b/ }'] },
  { argv: ['awk', '{ print ($1 < $2) }'], stdin: '10 9\n2 10\nabc abd\n' },
  { argv: ['awk', 'BEGIN { print -2^2, 2^3^2, !0 + 1, 1 - -1, 7 % 3, -7 % 3 }'] },
  {
    argv: [
      'awk',
      'BEGIN { print index("abc", ""), length(12345), 1e3, "1e3" + 0, " 12 " + 1, "3x" * 2 }',
    ],
  },
  {
    argv: [
      'awk',
      'BEGIN { CONVFMT = "%.2g"; x = 3.14159; y = x ""; print y; OFMT = "%.1f"; print x, x "" }',
    ],
  },
  { argv: ['awk', '{ print x, $1 }', 'x=1', 'n.txt', 'x=2', 'p.txt'] },
  { argv: ['awk', '-v', 'x=a\\tb', 'BEGIN { print x }'] },
  { argv: ['awk', 'END { print FILENAME, FNR, NR }', 'n.txt', 'p.txt'] },
  { argv: ['awk', 'FNR == 1 { print FILENAME }', 'n.txt', 'p.txt'] },
  { argv: ['awk', 'BEGIN { RS = "" } { print NR ": " $1 "," NF }', 'para'] },
  { argv: ['awk', 'BEGIN { RS = ";"; FS = "," } { print $2 }'], stdin: 'a,b;c,d;' },
  { argv: ['awk', 'BEGIN { ORS = "|"; OFS = "-" } { print $1, NR }', 'nums'] },
  { argv: ['awk', 'BEGIN { print ARGC, ARGV[0], ARGV[2] }', 'a', 'b'] },
  { argv: ['awk', 'BEGIN { print ENVIRON["TZ"] }'] },
  { argv: ['awk', '-f', 'prog.awk', 'nums'] },
  {
    argv: [
      'awk',
      '{ total[$2] += $1 } END { for (k in total) print k, total[k] | "sort"; }',
      'nums',
    ],
  },
  { argv: ['awk', 'length > 4', 'n.txt'] },
  { argv: ['awk', 'BEGIN { x = "A"; x = x x x; print x; print 1 " " 2, 1 2 }'] },
  { argv: ['awk', 'BEGIN { printf "%d\\n" }'] },
  { argv: ['awk', 'BEGIN { print "x" > "/nonexistent/dir/f" }'] },
  { argv: ['awk', '{print $-1}', 'n.txt'] },
  { argv: ['awk', 'BEGIN{x'] },
  { argv: ['awk', 'BEGIN { next }'] },
  { argv: ['awk', '{print}', 'missing'] },
  { argv: ['awk', '{print}', 'n.txt', 'missing'] },
  { argv: ['awk', '-f', 'missing'] },
  { argv: ['awk', '--bogus', 'BEGIN{}'] },
  { argv: ['awk', '-k'] },
  { argv: ['awk', '-f'] },
  { argv: ['awk'], usageText: true },
  // diff (unified headers: see normalise)
  { argv: ['diff', 'n.txt', 'n3.txt'] },
  { argv: ['diff', 'n3.txt', 'n.txt'] },
  { argv: ['diff', 'n.txt', 'nn.txt'] },
  { argv: ['diff', 'nn.txt', 'n3.txt'] },
  { argv: ['diff', 'n.txt', 'empty'] },
  { argv: ['diff', 'empty', 'n.txt'] },
  { argv: ['diff', 's1', 's2'] },
  { argv: ['diff', 'l1', 'l2'] },
  { argv: ['diff', 'l2', 'l1'] },
  { argv: ['diff', 'l3', 'l4'] },
  { argv: ['diff', '-u', 's1', 's2'] },
  { argv: ['diff', '-u', 'l1', 'l2'] },
  { argv: ['diff', '-u', 'l3', 'l4'] },
  { argv: ['diff', '-u', 'n.txt', 'nn.txt'] },
  { argv: ['diff', '-u', 'empty', 'n.txt'] },
  { argv: ['diff', '-U1', 's1', 's2'] },
  { argv: ['diff', '-U', '0', 's1', 's2'] },
  { argv: ['diff', '-U10', 'l2', 'l1'] },
  { argv: ['diff', '-u', 'n.txt', '-'], stdin: 'one\n2\nthree\n' },
  { argv: ['diff', 'n.txt', 'n.txt'] },
  { argv: ['diff', '-s', 'n.txt', 'n.txt'] },
  { argv: ['diff', '-q', 'n.txt', 'p.txt'] },
  { argv: ['diff', 'bin', 'n.txt'] },
  { argv: ['diff', 'd1', 'd2'] },
  { argv: ['diff', '-r', 'd1', 'd2'] },
  { argv: ['diff', '-ru', 'd1', 'd2'] },
  { argv: ['diff', '-rq', 'd1', 'd2'] },
  { argv: ['diff', '-r', '-x', 'sub', 'd1', 'd2'] },
  { argv: ['diff', 'n.txt', 'd1'] },
  { argv: ['diff', '-N', 'n.txt', 'missing'] },
  { argv: ['diff', 'n.txt', 'missing'] },
  { argv: ['diff', 'a', 'b', 'c'] },
  { argv: ['diff', '-U', 'x', 'a', 'b'] },
  { argv: ['diff'] },
  { argv: ['diff', '-k', 'a', 'b'] },
  // cmp
  { argv: ['cmp', 'n.txt', 'p.txt'] },
  { argv: ['cmp', 'n3.txt', 'n.txt'] },
  { argv: ['cmp', 'n.txt', 'n3.txt'] },
  { argv: ['cmp', 'nn.txt', 'n.txt'] },
  { argv: ['cmp', 'n.txt', 'n.txt'] },
  { argv: ['cmp', '-l', 'n.txt', 'p.txt'] },
  { argv: ['cmp', '-l', 'n3.txt', 'n.txt'] },
  { argv: ['cmp', '-lb', 'n.txt', 'p.txt'] },
  { argv: ['cmp', '-b', 'n.txt', 'p.txt'] },
  { argv: ['cmp', '-s', 'n.txt', 'p.txt'] },
  { argv: ['cmp', '-s', 'n.txt', 'n3.txt'] },
  { argv: ['cmp', '-n', '3', 'n.txt', 'n3.txt'] },
  { argv: ['cmp', 'empty', 'n.txt'] },
  { argv: ['cmp', 'n.txt'], stdin: 'one\ntwo\n' },
  { argv: ['cmp', 'n.txt', 'missing'] },
  { argv: ['cmp', 'n.txt', 'd'] },
  { argv: ['cmp', 'a', 'b', 'c', 'd'] },
  { argv: ['cmp'] },
  { argv: ['cmp', '-x', 'a', 'b'] },
  // base64
  { argv: ['base64'], stdin: 'x' },
  { argv: ['base64', 'n.txt'] },
  { argv: ['base64', '-w', '10', 'p.txt'] },
  { argv: ['base64', '-w0', 'p.txt'] },
  { argv: ['base64', '--wrap=4'], stdin: 'abc' },
  { argv: ['base64'], stdin: '' },
  { argv: ['base64', '-d'], stdin: 'aGVsbG8=' },
  { argv: ['base64', '--decode'], stdin: 'cm9vdDp4Oj\nA6MDpyb290\n' },
  { argv: ['base64', '-d'], stdin: 'aGVsbG8' },
  { argv: ['base64', '-d'], stdin: '!!!' },
  { argv: ['base64', '-d'], stdin: 'aGV sbG8=' },
  { argv: ['base64', '-di'], stdin: 'aGV sbG8=' },
  { argv: ['base64', 'missing'] },
  { argv: ['base64', 'a', 'b'] },
  { argv: ['base64', '-w', 'x', 'n.txt'] },
  // sha256sum, md5sum
  { argv: ['sha256sum', 'n.txt', 'missing', 'nn.txt'] },
  { argv: ['sha256sum'], stdin: '\n' },
  { argv: ['sha256sum', '-', 'empty'], stdin: 'b'.repeat(1000) },
  { argv: ['sha256sum', '-b', 'n.txt'] },
  { argv: ['sha256sum', '--tag', 'p.txt'] },
  { argv: ['sha256sum', '-c', 'sha.sum'] },
  { argv: ['sha256sum', '-c', '--quiet', 'sha.sum'] },
  { argv: ['sha256sum', '--status', '-c', 'sha.sum'] },
  { argv: ['sha256sum', '-c', 'p.txt'] },
  { argv: ['sha256sum', '-c', 'missing'] },
  { argv: ['sha256sum', '-x'] },
  { argv: ['md5sum', 'n.txt', 'p.txt', 'nn.txt', 'empty'] },
  { argv: ['md5sum'], stdin: 'b'.repeat(119) },
  { argv: ['md5sum'], stdin: 'b'.repeat(56) },
  { argv: ['md5sum', '--tag', 'n.txt'] },
  { argv: ['md5sum', '-c', 'md5.sum'] },
  { argv: ['md5sum', '-c', '--tag', 'md5.sum'] },
  // paste
  { argv: ['paste', 'n.txt', 'p.txt'] },
  { argv: ['paste', '-d,', 'n.txt', 'p.txt'] },
  { argv: ['paste', '-s', '-d', ':,', 'n.txt'] },
  { argv: ['paste', '-d', '', 'n.txt', 'n.txt'] },
  { argv: ['paste', '-d', '\\t\\n', 'n.txt', 'n.txt', 'n.txt'] },
  { argv: ['paste', '-d', '\\0', 'n.txt', 'p.txt'] },
  { argv: ['paste', '-s', 'nn.txt', 'n.txt'] },
  { argv: ['paste', '-s', '-d', '\\n', 'n.txt'] },
  { argv: ['paste', '-', '-'], stdin: 'a\nb\nc' },
  { argv: ['paste', '-', 'n.txt', '-'], stdin: '1\n2\n' },
  { argv: ['paste', '-d', 'x\\', 'n.txt'] },
  { argv: ['paste', 'n.txt', 'missing'] },
  { argv: ['paste', '-x'] },
  // od
  { argv: ['od', 'n.txt'] },
  { argv: ['od', '-c', 'p.txt'] },
  { argv: ['od', '-A', 'x', '-t', 'x1', 'n.txt'] },
  { argv: ['od', '-An', '-t', 'x1', 'nn.txt'] },
  { argv: ['od', '-t', 'd1', 'nn.txt'] },
  { argv: ['od', '-x', 'nn.txt'] },
  { argv: ['od', '-b', 'nn.txt'] },
  { argv: ['od', '-t', 'o2', 'nn.txt'] },
  { argv: ['od', '-A', 'd', '-c', 'bin'] },
  { argv: ['od', '-t', 'x2', 'n.txt'] },
  { argv: ['od', '-t', 'd4', 'n.txt'] },
  { argv: ['od', '-t', 'u1', 'bin'] },
  { argv: ['od', '-j', '2', '-N', '5', '-c', 'n.txt'] },
  { argv: ['od', '-c', 'aa'] },
  { argv: ['od', '-v', '-c', 'aa'] },
  { argv: ['od', '-w4', '-c', 'nn.txt'] },
  { argv: ['od', '-t', 'x1z', 'nn.txt'] },
  { argv: ['od', '-t', 'x1', '-t', 'c', 'nn.txt'] },
  { argv: ['od', '-c', '-t', 'x1', 'ctl'] },
  { argv: ['od', '-t', 'a', 'ctl'] },
  { argv: ['od', '-t', 'd2', 'ctl'] },
  { argv: ['od', '-t', 'c1', '-t', 'd2', '-t', 'x4', 'ctl'] },
  { argv: ['od', '-t', 'x8', 'n.txt'] },
  { argv: ['od', '-i', 'n.txt'] },
  { argv: ['od', '-s', '-d', 'ctl'] },
  { argv: ['od', '-c', 'n.txt', 'missing', 'nn.txt'] },
  { argv: ['od', '-c'], stdin: 'abc' },
  { argv: ['od', '-v', '-c', 'empty'] },
  { argv: ['od', 'missing'] },
  { argv: ['od', '-j', '100', 'n.txt'] },
  { argv: ['od', '-t', 'z'] },
  { argv: ['od', '-t', 'x3', 'n.txt'] },
  { argv: ['od', '-A', 'k', 'n.txt'] },
  // hexdump (util-linux)
  { argv: ['hexdump', 'nn.txt'] },
  { argv: ['hexdump', 'n.txt'] },
  { argv: ['hexdump', '-C', 'nn.txt'] },
  { argv: ['hexdump', '-C', 'p.txt'] },
  { argv: ['hexdump', '-C', 'aa'] },
  { argv: ['hexdump', 'aa'] },
  { argv: ['hexdump', '-v', '-C', 'aa'] },
  { argv: ['hexdump', '-C', 'ctl'] },
  { argv: ['hexdump', '-C', '-n', '5', 'n.txt'] },
  { argv: ['hexdump', '-C', '-s', '3', 'n.txt'] },
  { argv: ['hexdump', '-s', '3', '-n', '20', 'n.txt'] },
  { argv: ['hexdump', '-C', 'n.txt', 'nn.txt'] },
  { argv: ['hexdump'], stdin: 'abc' },
  { argv: ['hexdump', '-C'], stdin: 'abc' },
  { argv: ['hexdump', '-C', 'empty'] },
  { argv: ['hexdump', 'missing'] },
  { argv: ['hexdump', '-C', 'missing', 'n3.txt'] },
  { argv: ['hexdump', '-n', 'x', 'n.txt'] },
  { argv: ['hexdump', '-k'] },
  // xxd
  { argv: ['xxd', 'nn.txt'] },
  { argv: ['xxd', 'p.txt'] },
  { argv: ['xxd', 'bin'] },
  { argv: ['xxd', 'aa'] },
  { argv: ['xxd', '-p', 'p.txt'] },
  { argv: ['xxd', '-ps', 'n.txt'] },
  { argv: ['xxd', '-p', '-c', '8', 'n.txt'] },
  { argv: ['xxd', '-c', '4', 'nn.txt'] },
  { argv: ['xxd', '-c', '5', 'n.txt'] },
  { argv: ['xxd', '-l', '5', 'n.txt'] },
  { argv: ['xxd', '-s', '3', 'n.txt'] },
  { argv: ['xxd', '-u', 'nn.txt'] },
  { argv: ['xxd', '-g', '4', 'nn.txt'] },
  { argv: ['xxd', '-g', '1', 'ctl'] },
  { argv: ['xxd', '-d', 'n.txt'] },
  { argv: ['xxd', '-i', 'nn.txt'] },
  { argv: ['xxd', '-i', '-c', '4', 'p.txt'] },
  { argv: ['xxd', '-r', '-p', 'p.hex'] },
  { argv: ['xxd', '-r', 'nn.dump'] },
  { argv: ['xxd', '-r', '-p'], stdin: '616263\n' },
  { argv: ['xxd'], stdin: 'abc' },
  { argv: ['xxd', 'nn.txt', 'out'], shows: ['out'] },
  { argv: ['xxd', 'empty'] },
  { argv: ['xxd', 'missing'] },
  { argv: ['xxd', '-k'], usageText: true },
  { argv: ['xxd', 'a', 'b', 'c'], usageText: true },
  // realpath
  { argv: ['realpath', 'n.txt', 'lnk', 'd/../n.txt', 'missing', '/tmp/../etc', '.'] },
  { argv: ['realpath', 'dangling'] },
  { argv: ['realpath', '-e', 'missing', 'lnk'] },
  { argv: ['realpath', '-m', 'a/b/../c', 'lnk/x'] },
  { argv: ['realpath', '-s', 'lnk', 'd/../lnk'] },
  { argv: ['realpath', '--relative-to=d1/sub', 'n.txt', 'd1/sub/f', 'd2'] },
  { argv: ['realpath', '--relative-base=d1', 'n.txt', 'd1/sub/f'] },
  { argv: ['realpath', '-z', 'n.txt', 'lnk'] },
  { argv: ['realpath', 'missing/x'] },
  { argv: ['realpath', '-q', 'missing/x'] },
  { argv: ['realpath', 'n.txt/x'] },
  { argv: ['realpath'] },
  { argv: ['realpath', '-k'] },
  // groups
  { argv: ['groups'] },
  { argv: ['groups', 'root'] },
  { argv: ['groups', 'nosuch', 'root'] },
  { argv: ['groups', '-x'] },
  // chmod (then the modes, by stat)
  { argv: ['chmod', 'u+x,go-r', 'f1'], then: ['stat', '-c', '%a %n', 'f1'] },
  { argv: ['chmod', '755', 'f1', 'n.txt'], then: ['stat', '-c', '%a %n', 'f1', 'n.txt'] },
  { argv: ['chmod', '4755', 'f1'], then: ['stat', '-c', '%a %n', 'f1'] },
  { argv: ['chmod', 'u=rwx,g=u,o=g-w', 'f1'], then: ['stat', '-c', '%a %n', 'f1'] },
  { argv: ['chmod', '-x', 'x.sh'], then: ['stat', '-c', '%a %n', 'x.sh'] },
  { argv: ['chmod', 'a-w+r,u+s,g+s', 'f1'], then: ['stat', '-c', '%a %A %n', 'f1'] },
  { argv: ['chmod', '=r', 'f1'], then: ['stat', '-c', '%a %n', 'f1'] },
  { argv: ['chmod', '+t', 'd'], then: ['stat', '-c', '%a %A %n', 'd'] },
  { argv: ['chmod', 'a+X', 'f1', 'x.sh', 'd'], then: ['stat', '-c', '%a %n', 'f1', 'x.sh', 'd'] },
  { argv: ['chmod', 'ug+rw-x,o-rwx', 'x.sh'], then: ['stat', '-c', '%a %n', 'x.sh'] },
  {
    argv: ['chmod', '-R', 'go=', 'cd'],
    then: ['stat', '-c', '%a %n', 'cd', 'cd/sub', 'cd/sub/x'],
  },
  { argv: ['chmod', '-v', '600', 'f1', 'n.txt'] },
  { argv: ['chmod', '-c', '644', 'f1', 'x.sh'] },
  { argv: ['chmod', '-Rv', '700', 'cd'] },
  { argv: ['chmod', '644', 'lnk'], then: ['stat', '-c', '%a %n', 'n.txt'] },
  { argv: ['chmod', '644', '--', 'f1'] },
  { argv: ['chmod', 'x', 'f1'] },
  { argv: ['chmod', '99', 'f1'] },
  { argv: ['chmod', '644', 'missing'] },
  { argv: ['chmod', '-f', '644', 'missing'] },
  { argv: ['chmod', '755'] },
  { argv: ['chmod'] },
  { argv: ['chmod', '-k', 'f1'] },
  // chown (root and numeric ids: the kernel's /etc/passwd has only root)
  { argv: ['chown', '1:2', 'f1'], then: ['stat', '-c', '%u %g %n', 'f1'] },
  { argv: ['chown', '5', 'f1'], then: ['stat', '-c', '%u %g %n', 'f1'] },
  { argv: ['chown', ':7', 'f1'], then: ['stat', '-c', '%u %g %n', 'f1'] },
  { argv: ['chown', '-v', 'root:root', 'f1'] },
  { argv: ['chown', '-v', 'root:', 'f1'] },
  { argv: ['chown', '-v', ':0', 'f1'] },
  { argv: ['chown', '-c', 'root:root', 'f1', 'n.txt'] },
  {
    argv: ['chown', '-R', '3:4', 'cd'],
    then: ['stat', '-c', '%u %g %n', 'cd', 'cd/sub', 'cd/sub/x'],
  },
  { argv: ['chown', '-Rv', '0', 'cd'] },
  { argv: ['chown', '-h', '6', 'lnk'], then: ['stat', '-c', '%u %n', 'lnk', 'n.txt'] },
  { argv: ['chown', '9', 'lnk'], then: ['stat', '-c', '%u %n', 'n.txt'] },
  { argv: ['chown', '1.5', 'f1'], then: ['stat', '-c', '%u %g %n', 'f1'] },
  { argv: ['chown', '', 'f1'] },
  { argv: ['chown', ':', 'f1'] },
  { argv: ['chown', 'nosuch', 'f1'] },
  { argv: ['chown', 'root:nosuch', 'f1'] },
  { argv: ['chown', ':nosuch', 'f1'] },
  { argv: ['chown', '99999999999', 'f1'] },
  { argv: ['chown', 'root', 'missing'] },
  { argv: ['chown', 'root'] },
  { argv: ['chown'] },
  { argv: ['chown', '-k', 'root', 'f1'] },
  // test and [
  { argv: ['test', '-n', 'x'] },
  { argv: ['test', '-z', 'x'] },
  { argv: ['test', 'x', '=', 'x'] },
  { argv: ['test', 'x', '!=', 'x'] },
  { argv: ['test', '2', '-lt', '10'] },
  { argv: ['test', '1', '-ne', '1'] },
  { argv: ['test', '1', '-gt', '2', '-o', '3'] },
  { argv: ['test', '!', '-f', 'n.txt'] },
  { argv: ['test', '-f', 'n.txt', '-a', '-d', 'd'] },
  { argv: ['test', '(', 'x', '=', 'y', ')', '-o', '-n', 'z'] },
  { argv: ['test', '-e', 'missing'] },
  { argv: ['test', '-s', 'empty'] },
  { argv: ['test', '-s', 'n.txt'] },
  { argv: ['test', '-h', 'lnk'] },
  { argv: ['test', '-L', 'n.txt'] },
  { argv: ['test', '-x', 'x.sh'] },
  {
    argv: ['test', '-x', 'n.txt'],
    knownBug:
      "access(2) on bocal is wasi-libc's, which only checks that the file exists: root may " +
      'not execute a file without any x bit on Linux',
  },
  { argv: ['test', '-r', 'n.txt'] },
  { argv: ['test', '-w', 'n.txt'] },
  { argv: ['test'] },
  { argv: ['test', ''] },
  { argv: ['test', '--help'] },
  { argv: ['test', '-n'] },
  { argv: ['[', '1', '=', '1', ']'] },
  { argv: ['[', '-d', 'd', ']'] },
  { argv: ['[', ']'] },
  { argv: ['test', 'a', '-eq', '1'], shellWording: true },
  { argv: ['test', '1', '-eq'], shellWording: true },
  { argv: ['test', '(', '1'], shellWording: true },
  { argv: ['test', 'a', 'b', 'c'], shellWording: true },
  { argv: ['[', '1'], shellWording: true },
];

/** Runs `argv` natively with `stdin`: the reference tool or build/native/box. */
function runHost(which: 'reference' | 'native', c: Case, cwd: string): BoxResult {
  const [name, ...args] = c.argv;
  const options = { cwd, env: ENV, encoding: 'utf8' as const, input: c.stdin ?? '' };
  const result =
    which === 'reference'
      ? spawnSync(referencePath(name!), args, { ...options, argv0: name })
      : spawnSync(nativePath('box'), c.argv, options);
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? 128 };
}

/**
 * The scratch directory's path (mkdtemp) is `<scratch>`; see Case.usageText.
 * diff -u's header times are the files' modification times, which differ
 * between the three scratch directories (and for standard input are the
 * time of the run): they become `<time>`, after checking their format.
 */
function normalise(result: BoxResult, dir: string, c: Case): BoxResult {
  const clean = (output: string) =>
    output
      .split(dir)
      .join('<scratch>')
      .replace(
        /^((?:---|\+\+\+) [^\t\n]*\t)\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} [+-]\d{4}$/gm,
        '$1<time>',
      );
  let stderr = clean(result.stderr);
  if (c.shellWording) stderr = stderr === '' ? '' : '<a message>';
  if (c.usageText) {
    const lines = stderr.split('\n');
    const usage = lines.findIndex((line) => /^(Usage:|Try ')/.test(line));
    stderr = usage < 0 ? stderr : [...lines.slice(0, usage), 'Usage: (its own text)'].join('\n');
  }
  return { stdout: clean(result.stdout), stderr, status: result.status };
}

const label = (c: Case) => c.argv.join(' ') + (c.stdin === undefined ? '' : ' <stdin');

describe('box text utilities: Debian sed, mawk, diffutils, coreutils, hexdump and xxd, native box and box on bocal agree', () => {
  const kernel = new BoxKernel();
  const scratches: string[] = [];
  const applets = [
    ...new Set([...cases.map((c) => c.argv[0]!), 'cat', 'sh', 'sort', 'echo', 'stat']),
  ];

  beforeAll(async () => {
    ensureReferences([...new Set(cases.map((c) => c.argv[0]!))].filter((n) => n in references));
    await kernel.install(applets);
  });
  // Shutting the kernel down took over the default minute once in a full,
  // loaded run of the suite on two cores.
  afterAll(async () => {
    await kernel.shutdown();
    for (const dir of scratches) rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  /** Runs a case three ways; the files it wrote (Case.shows) follow stdout. */
  async function threeWays(c: Case): Promise<BoxResult[]> {
    const results: BoxResult[] = [];
    for (const which of ['reference', 'native', 'bocal'] as const) {
      const dir = hostScratch();
      scratches.push(dir);
      let result: BoxResult;
      if (which === 'bocal') {
        await kernel.prepare(dir, files);
        result = await kernel.run(c.argv, dir, c.stdin ?? '');
        for (const file of c.shows ?? [])
          result.stdout += `--- ${file}\n` + (await kernel.run(['cat', file], dir)).stdout;
        if (c.then) result.stdout += '--- then\n' + (await kernel.run(c.then, dir)).stdout;
      } else {
        prepareHost(dir, files);
        result = runHost(which, c, dir);
        for (const file of c.shows ?? [])
          result.stdout +=
            `--- ${file}\n` + runHost('reference', { argv: ['cat', file] }, dir).stdout;
        if (c.then)
          result.stdout += '--- then\n' + runHost('reference', { argv: c.then }, dir).stdout;
      }
      results.push(normalise(result, dir, c));
    }
    return results;
  }

  it.each(cases.filter((c) => !c.knownBug).map((c) => [label(c), c] as const))(
    '%s',
    async (_, c) => {
      const [reference, native, bocal] = await threeWays(c);
      expect(native, 'native box differs from the Debian tool').toEqual(reference);
      expect(bocal, 'box on bocal differs from the Debian tool').toEqual(reference);
    },
  );

  it('deep recursion in an awk program ends with a message and status 2, natively and on bocal', async () => {
    // mawk stops such programs with its own "eval stack" message; ours
    // must not crash (a wasm trap or a native segmentation fault).
    const dir = hostScratch();
    scratches.push(dir);
    await kernel.prepare(dir, []);
    const programs = [
      'function f(n) { return f(n + 1) } BEGIN { print f(1) }',
      `BEGIN { x = ${'('.repeat(30000)}1${')'.repeat(30000)} }`,
    ];
    for (const program of programs) {
      for (const result of [
        await kernel.run(['awk', program], dir),
        runHost('native', { argv: ['awk', program] }, dir),
      ]) {
        expect(result.status).toBe(2);
        expect(result.stderr).toMatch(/^awk: .*nested too deeply/);
      }
    }
    // a recursion a thousand calls deep is fine
    const deep = 'function f(n) { return n ? f(n - 1) + 1 : 0 } BEGIN { print f(1000) }';
    expect(await kernel.run(['awk', deep], dir)).toEqual({
      stdout: '1000\n',
      stderr: '',
      status: 0,
    });
  });

  it.fails.each(cases.filter((c) => c.knownBug).map((c) => [label(c), c] as const))(
    '%s (known bug on bocal)',
    async (_, c) => {
      const [reference, native, bocal] = await threeWays(c);
      expect(native, 'native box differs from the Debian tool').toEqual(reference);
      expect(bocal, 'box on bocal differs from the Debian tool').toEqual(reference);
    },
  );
});
