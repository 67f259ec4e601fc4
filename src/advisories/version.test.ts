// dpkg's version order, checked three ways: dpkg's own test vectors, hand-picked edge cases, and the real
// `dpkg --compare-versions` of this machine on thousands of versions from real status files and advisory feeds.
import { execFile, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { hasDpkgQuery } from '../../test/helpers/dpkg.js';
import { fixture } from '../../test/helpers/fixtures.js';
import { compareVersions, InvalidVersionError, isValidVersion, parseVersion } from './version.js';

// dpkg-query ships in the dpkg package, beside dpkg itself.
const hasDpkg = hasDpkgQuery;
if (!hasDpkg) {
  if (process.env.CI) throw new Error('dpkg is required under CI: dpkg --compare-versions is the oracle of version.test.ts');
  console.warn('SKIPPING the dpkg --compare-versions oracle: dpkg is not installed; CI runs it');
}

const read = (...path: string[]) => readFileSync(fixture(...path), 'utf8');

function thrown(version: string): InvalidVersionError {
  try {
    parseVersion(version);
  } catch (err) {
    if (err instanceof InvalidVersionError) return err;
    throw err;
  }
  throw new Error(`${JSON.stringify(version)} was accepted`);
}

/** The versions a real Debian 12 status file holds: each package's, and its source's where they differ. */
function statusVersions(): string[] {
  const status = read('dpkg', 'status-debian12-sample');
  return [...status.matchAll(/^Version: (.+)$/gm), ...status.matchAll(/^Source: \S+ \((.+)\)$/gm)].map((m) => m[1]!);
}

/** `[bullseye] - xorg-server 2:1.20.11-1+deb11u6`: the fixed version of each DSA line (not `<not-affected>` & co). */
function dsaVersions(releases?: Set<string>): string[] {
  const lines = read('debian', 'DSA-list').matchAll(/^\s+\[(\w+)\] - \S+ ([^<\s]\S*)/gm);
  return [...lines].filter((m) => !releases || releases.has(m[1]!)).map((m) => m[2]!);
}

/** The `version`, `fixed`, `introduced`, `binary_version` and `versions` strings of the Ubuntu USN and OSV files. */
function ubuntuVersions(): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (['version', 'fixed', 'introduced', 'binary_version', 'versions'].includes(key)) found.push(value);
    } else if (Array.isArray(value)) {
      for (const v of value) walk(v, key);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  for (const dir of ['usn', 'osv']) {
    for (const file of readdirSync(fixture('ubuntu', dir))) walk(JSON.parse(read('ubuntu', dir, file)), '');
  }
  return found;
}

/** Versions written to hit each rule of the order, several rules at once where they meet. */
const edgeVersions = [
  // `~` sorts before everything, even the end: 1~~ < 1~ < 1 < 1a < 1+.
  ...['1~~', '1~~a', '1~', '1~a', '1', '1a', '1+', '1.', '1.0~~', '1.0~~~', '1.0~rc1~1', '1.0~rc1', '1.0~', '1.0', '1.0~+'],
  ...['1.0-1~~', '1.0-1~', '1.0-1', '1.0-1+~', '1.0+~', '1.0-~', '1.0-~~1'],
  // Digit runs past 2^53 and 2^64, where JS numbers would round or tie.
  ...['1.99999999999999999999', '1.100000000000000000000', '1.9007199254740992', '1.9007199254740993'],
  ...['1.18446744073709551615', '1.18446744073709551616', '123456789012345678901234567890', '123456789012345678901234567891'],
  // Epochs, with leading zeros, up to dpkg's largest.
  ...['0:1.0', '00:1.0', '1:0', '01:0.1', '1:0.1', '2:0', '9:9', '10:1', '2147483647:0'],
  // Leading zeros in digit runs.
  ...['1.001', '1.01', '1.1', '1.0001-1', '1.00', '01.0', '000', '0', '1.0-0', '1.0-00', '1.0-01', '1.0-1.0', '1.0-1.00'],
  // Letters before non-letters, upper case before lower case.
  ...['1A', '1Z', '1z', '1+a', '1.a', '1-a', '1:1a', '1.0a', '1.0A', '1.0+', '1.0.a', '1.0+a', '1.0-a', '1.0-+', '1.0-.', '1.0-A'],
  // Hyphens and colons inside the upstream version.
  ...['1.0-1-1', '1.0-1-0', '1:1.0:1', '1:1.0:1-1', '1:1.0-1-1', '1.0-1+deb12u1', '1.0-1+deb12u1~bpo11+1'],
];

describe('parseVersion', () => {
  it('splits epoch, upstream version and revision as dpkg does: the first ":" and the last "-"', () => {
    expect(parseVersion('1:2.0:3-4-5')).toEqual({ epoch: '1', upstream: '2.0:3-4', revision: '5' });
    expect(parseVersion('2.30-21ubuntu1~18.04.9')).toEqual({ epoch: '0', upstream: '2.30', revision: '21ubuntu1~18.04.9' });
    expect(parseVersion('0007:1.0')).toEqual({ epoch: '7', upstream: '1.0', revision: '' });
    expect(parseVersion('00:1.0').epoch).toBe('0');
  });

  it('trims spaces and tabs, as dpkg does, and nothing else', () => {
    expect(parseVersion(' \t1:1.0-1 \t')).toEqual(parseVersion('1:1.0-1'));
    for (const v of ['1.0\n', '\n1.0', '1.0\r', '\u00a01.0']) expect(isValidVersion(v), JSON.stringify(v)).toBe(false);
  });

  it.each([
    ['1:', /nothing after the epoch/],
    ['abc', /must start with a digit/],
    ['a:1', /epoch .* must be a number/],
    [':1', /epoch .* must be a number/],
    ['+1:1.0', /epoch .* must be a number/], // dpkg's strtol takes the sign; Policy's epoch is unsigned
    ['2147483648:1', /epoch is above 2147483647/],
    ['99999999999999999999:1', /epoch is above 2147483647/],
    ['1.0 beta', /whitespace/],
    ['1.0-', /empty revision/],
    ['1:-1', /empty upstream version/],
    ['-1', /empty upstream version/],
    ['', /empty/], // dpkg --compare-versions reads '' as "not installed"; a feed or report must give a version
    ['  ', /empty/],
    ['1_0', /invalid character in the upstream version/],
    ['1.0-1_2', /invalid character in the revision/],
    ['1.0-1:2', /epoch .* must be a number/],
    ['1.0-a:b', /epoch .* must be a number/],
    ['1:1.0-1:2', /invalid character in the revision/],
  ])('refuses %j, naming the version and why', (version, reason) => {
    const err = thrown(version);
    expect(err.version).toBe(version);
    expect(err.message).toContain(JSON.stringify(version));
    expect(err.message).toMatch(reason);
    expect(isValidVersion(version)).toBe(false);
    expect(() => compareVersions(version, '1.0')).toThrow(err.message);
    expect(() => compareVersions('1.0', version)).toThrow(err.message);
  });

  it('accepts every version of a real status file and of the Ubuntu feeds', () => {
    const [status, ubuntu] = [statusVersions(), ubuntuVersions()];
    expect(status.length).toBeGreaterThan(700);
    expect(ubuntu.length).toBeGreaterThan(2000);
    expect([...status, ...ubuntu].filter((v) => !isValidVersion(v))).toEqual([]);
  });

  it("refuses the one fixed version in Debian's DSA list that is not a version (a package name in its place)", () => {
    const fixed = dsaVersions();
    expect(fixed.length).toBeGreaterThan(6000);
    const refused = fixed.filter((v) => !isValidVersion(v));
    expect(refused).toEqual(['kernel-image-2.4.17-ia64']);
    expect(thrown(refused[0]!).reason).toBe('the version must start with a digit');
  });
});

/** dpkg's own vectors: `a b expected`, expected being the sign of comparing a with b. */
function vectors(): { a: string; b: string; expected: number }[] {
  const [header, ...rows] = read('dpkg', 'version-vectors.tsv').trimEnd().split('\n');
  expect(header).toBe('a\tb\texpected');
  return rows.map((row) => {
    const [a, b, expected, ...extra] = row.split('\t');
    expect(extra, row).toEqual([]);
    return { a: a!, b: b!, expected: Number(expected) };
  });
}

// SOURCE.md: the rows with an empty revision (`0foo-`) or an empty version (`-0.6.5`) are bad syntax to dpkg.
const emptyPart = (v: string) => v.startsWith('-') || v.endsWith('-');

describe("compareVersions on dpkg's own test vectors", () => {
  const all = vectors();
  const orderable = all.filter((r) => !emptyPart(r.a) && !emptyPart(r.b));

  it('reads all 44 rows: 40 to order, 4 that dpkg refuses', () => {
    expect(all).toHaveLength(44);
    expect(orderable).toHaveLength(40);
  });

  it.each(orderable)('$a vs $b: $expected', ({ a, b, expected }) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
    expect(compareVersions(parseVersion(a), b)).toBe(expected);
    expect(compareVersions(a, parseVersion(b))).toBe(expected);
  });

  it.each(all.filter((r) => !orderable.includes(r)))('refuses $a vs $b with a clear error rather than order them', ({ a, b }) => {
    const bad = [a, b].filter(emptyPart);
    for (const v of bad) expect(thrown(v).message).toMatch(v.startsWith('-') ? /empty upstream version/ : /empty revision/);
    expect(() => compareVersions(a, b)).toThrow(InvalidVersionError);
  });
});

describe('compareVersions', () => {
  it('compares digit runs of any length as numbers, never rounding them to JS numbers', () => {
    expect(compareVersions('1.99999999999999999999', '1.100000000000000000000')).toBe(-1);
    // Both are 9007199254740992 as JS numbers.
    expect(compareVersions('1.9007199254740993', '1.9007199254740992')).toBe(1);
    expect(compareVersions('1.000000000000000000000000001', '1.1')).toBe(0);
  });

  it('sorts ~ before the end, the end before letters, letters before + and .', () => {
    const ordered = ['1~~', '1~~a', '1~', '1', '1A', '1a', '1+', '1.'];
    expect([...ordered].reverse().sort(compareVersions)).toEqual(ordered);
  });

  it('takes parsed versions as well as strings', () => {
    expect(compareVersions(parseVersion('1:1.0'), parseVersion('2.0'))).toBe(1);
    expect(compareVersions(parseVersion('1.0-1'), '1.0-1')).toBe(0);
  });
});

type Relation = 'lt' | 'eq' | 'gt';
const relation = (c: number): Relation => (c < 0 ? 'lt' : c > 0 ? 'gt' : 'eq');

// One dpkg process per question, read from stdin by one shell: a shell per core keeps the whole run to seconds.
const askScript = 'while read -r a op b; do dpkg --compare-versions "$a" "$op" "$b"; echo $?; done';
// dpkg's messages untranslated (matched below), and no locale for each of its thousands of starts to load.
const dpkgEnv = { ...process.env, LC_ALL: 'C' };

/** `dpkg --compare-versions a op b` for each question: whether dpkg said yes, and all it wrote on stderr. */
async function askDpkg(questions: [string, Relation, string][]): Promise<{ yes: boolean[]; stderr: string }> {
  const per = Math.ceil(questions.length / availableParallelism());
  const chunks = Array.from({ length: Math.ceil(questions.length / per) }, (_, i) => questions.slice(i * per, (i + 1) * per));
  const answers = await Promise.all(
    chunks.map((chunk) => {
      const run = promisify(execFile)('sh', ['-c', askScript], { env: dpkgEnv, maxBuffer: 1 << 26 });
      run.child.stdin!.end(chunk.map((q) => q.join(' ')).join('\n') + '\n');
      return run;
    }),
  );
  const codes = answers.flatMap((a) => a.stdout.trimEnd().split('\n'));
  expect(codes).toHaveLength(questions.length);
  return { yes: codes.map((c) => c === '0'), stderr: answers.map((a) => a.stderr).join('') };
}

/** What dpkg says of one version (that the shell loop could not carry: blanks, nothing): its stderr. */
const dpkgComplaint = (version: string) => spawnSync('dpkg', ['--compare-versions', version, 'eq', '0'], { encoding: 'utf8', env: dpkgEnv }).stderr;

describe.skipIf(!hasDpkg)('compareVersions against dpkg --compare-versions on this machine', () => {
  it('orders thousands of real and edge-case versions exactly as dpkg does, every pair of them', async () => {
    // The fixed versions of the Debian releases still met in fleets (buster's ELTS, bullseye's LTS, bookworm).
    const dsa = dsaVersions(new Set(['buster', 'bullseye', 'bookworm']));
    const vectorVersions = vectors().flatMap((r) => [r.a, r.b]).filter((v) => !emptyPart(v));
    const versions = [...new Set([...statusVersions(), ...ubuntuVersions(), ...dsa, ...edgeVersions, ...vectorVersions])];
    const parsed = new Map(versions.map((v) => [v, parseVersion(v)]));
    const sorted = [...versions].sort((a, b) => compareVersions(parsed.get(a)!, parsed.get(b)!));

    // Each version's rank in our order (ties share one); dpkg is asked about neighbours, and the vectors' own pairs.
    const rank: number[] = [0];
    for (let i = 1; i < sorted.length; i++) rank.push(rank[i - 1]! + (compareVersions(sorted[i - 1]!, sorted[i]!) < 0 ? 1 : 0));
    const questions: [string, Relation, string][] = [
      ...sorted.slice(1).map((b, i): [string, Relation, string] => [sorted[i]!, relation(rank[i]! - rank[i + 1]!), b]),
      ...vectors()
        .filter((r) => !emptyPart(r.a) && !emptyPart(r.b))
        .map((r): [string, Relation, string] => [r.a, relation(compareVersions(r.a, r.b)), r.b]),
    ];
    expect(questions.length).toBeGreaterThan(2500);
    const answers = askDpkg(questions);

    // Meanwhile: our order is a total preorder, the ranks deciding every pair. As dpkg's is one too, its agreeing
    // on each pair of neighbours means it agrees on every pair.
    const inOrder = sorted.map((v) => parsed.get(v)!);
    const inconsistent: string[] = [];
    for (let i = 0; i < inOrder.length; i++) {
      for (let j = i + 1; j < inOrder.length; j++) {
        if (compareVersions(inOrder[i]!, inOrder[j]!) !== Math.sign(rank[i]! - rank[j]!)) inconsistent.push(`${sorted[i]} ${sorted[j]}`);
      }
    }
    expect(inconsistent).toEqual([]);

    const { yes, stderr } = await answers;
    expect(stderr, 'dpkg found no version of these bad').toBe('');
    expect(questions.filter((_, i) => !yes[i]).map((q) => q.join(' '))).toEqual([]);
  });

  it('refuses what dpkg refuses or warns about', () => {
    const bad = ['1:', 'abc', 'a:1', ':1', '1.0 beta', '1.0-', '1_0', '1:-1', '1.0-1_2', '2147483648:1', '1.0\n', '0foo-'];
    bad.push('kernel-image-2.4.17-ia64'); // the DSA list's one non-version
    for (const v of bad) {
      expect(dpkgComplaint(v), JSON.stringify(v)).toContain('has bad syntax');
      expect(isValidVersion(v), JSON.stringify(v)).toBe(false);
    }
    // A leading "-" reads as an option to dpkg: behind an epoch it is the same empty version.
    expect(dpkgComplaint('0:-0.6.5')).toContain('version number is empty');
    expect(isValidVersion('-0.6.5')).toBe(false);
  });

  it('trims blanks as dpkg does', () => {
    for (const v of [' 1.0', '1.0\t', '\t 1:1.0-1 ']) {
      expect(dpkgComplaint(v), JSON.stringify(v)).toBe('');
      expect(isValidVersion(v), JSON.stringify(v)).toBe(true);
    }
  });
});
