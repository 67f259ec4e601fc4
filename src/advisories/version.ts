// Debian package versions, ordered exactly as dpkg orders them (lib/dpkg/version.c; Debian Policy §5.6.12):
// [epoch:]upstream[-revision]. Digit runs compare as numbers of any length — as strings, never as JS numbers, which
// lose precision past 2^53 — and `~` sorts before everything, even the end of the string.

export interface DebVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

export class InvalidVersionError extends Error {
  constructor(
    readonly version: string,
    reason: string,
  ) {
    super(`invalid version ${JSON.stringify(version)}: ${reason}`);
    this.name = 'InvalidVersionError';
  }
}

const upstreamChars = /^[A-Za-z0-9.+~:-]*$/;
const revisionChars = /^[A-Za-z0-9.+~]*$/;

/** Splits a version as dpkg does, refusing what dpkg refuses (and an upstream that does not start with a digit). */
export function parseVersion(text: string): DebVersion {
  const v = text.trim();
  if (v === '') throw new InvalidVersionError(text, 'empty');
  if (/\s/.test(v)) throw new InvalidVersionError(text, 'contains whitespace');
  const colon = v.indexOf(':');
  let epoch = '0';
  let rest = v;
  if (colon >= 0) {
    epoch = v.slice(0, colon);
    if (!/^\d+$/.test(epoch)) throw new InvalidVersionError(text, 'the epoch (before ":") must be a number');
    rest = v.slice(colon + 1);
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (upstream === '') throw new InvalidVersionError(text, 'nothing after the epoch');
  if (!/^\d/.test(upstream)) throw new InvalidVersionError(text, 'the version must start with a digit');
  if (!upstreamChars.test(upstream)) throw new InvalidVersionError(text, 'invalid character in the upstream version');
  if (dash >= 0 && revision === '') throw new InvalidVersionError(text, 'empty revision after "-"');
  if (!revisionChars.test(revision)) throw new InvalidVersionError(text, 'invalid character in the revision');
  return { epoch: epoch.replace(/^0+(?=\d)/, ''), upstream, revision };
}

export function isValidVersion(text: string): boolean {
  try {
    parseVersion(text);
    return true;
  } catch {
    return false;
  }
}

/** dpkg's weight of a character outside a digit run: `~` lowest, then the end and digits, letters, the rest. */
function order(c: number): number {
  if (c >= 48 && c <= 57) return 0; // digit
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c; // letter
  if (c === 126) return -1; // ~
  return c + 256;
}

/** Compares two digit strings as numbers of any length. */
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** dpkg's verrevcmp: alternating non-digit and digit parts. */
function compareParts(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Non-digit prefixes, character by character; the end of a string weighs as a digit (0).
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = i < a.length ? order(a.charCodeAt(i)) : 0;
      const bc = j < b.length ? order(b.charCodeAt(j)) : 0;
      if (ac !== bc) return ac < bc ? -1 : 1;
      i++;
      j++;
    }
    const si = i;
    const sj = j;
    while (i < a.length && isDigit(a.charCodeAt(i))) i++;
    while (j < b.length && isDigit(b.charCodeAt(j))) j++;
    const c = compareDigits(a.slice(si, i), b.slice(sj, j));
    if (c !== 0) return c;
  }
  return 0;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** -1, 0 or 1 as dpkg --compare-versions would say; throws InvalidVersionError for a version dpkg would refuse. */
export function compareVersions(a: string | DebVersion, b: string | DebVersion): number {
  const x = typeof a === 'string' ? parseVersion(a) : a;
  const y = typeof b === 'string' ? parseVersion(b) : b;
  return compareDigits(x.epoch, y.epoch) || compareParts(x.upstream, y.upstream) || compareParts(x.revision, y.revision);
}
