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
    readonly reason: string,
  ) {
    super(`invalid version ${JSON.stringify(version)}: ${reason}`);
    this.name = 'InvalidVersionError';
  }
}

const upstreamChars = /^[A-Za-z0-9.+~:-]*$/;
const revisionChars = /^[A-Za-z0-9.+~]*$/;
// dpkg keeps the epoch in an int and refuses a bigger one ("epoch in version is too big").
const maxEpoch = 2147483647;

/**
 * Splits a version as dpkg does, refusing what dpkg refuses and what it only warns about (an upstream that does not
 * start with a digit, a character outside the allowed set): a version dpkg warns about is not ordered here.
 */
export function parseVersion(text: string): DebVersion {
  // dpkg trims blanks (space, tab) only: a newline or any other whitespace is part of the version, hence invalid.
  const v = text.replace(/^[ \t]+|[ \t]+$/g, '');
  if (v === '') throw new InvalidVersionError(text, 'empty');
  if (/\s/.test(v)) throw new InvalidVersionError(text, 'contains whitespace');
  const colon = v.indexOf(':');
  let epoch = '0';
  let rest = v;
  if (colon >= 0) {
    epoch = v.slice(0, colon).replace(/^0+(?=\d)/, '');
    // Stricter than dpkg's strtol, which also takes a sign ("+1:", "-0:"): Policy says an unsigned integer.
    if (!/^\d+$/.test(epoch)) throw new InvalidVersionError(text, 'the epoch (before ":") must be a number');
    if (epoch.length > 10 || Number(epoch) > maxEpoch) throw new InvalidVersionError(text, `the epoch is above ${maxEpoch}`);
    rest = v.slice(colon + 1);
    if (rest === '') throw new InvalidVersionError(text, 'nothing after the epoch');
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (upstream === '') throw new InvalidVersionError(text, 'empty upstream version before "-"');
  if (!/^\d/.test(upstream)) throw new InvalidVersionError(text, 'the version must start with a digit');
  if (!upstreamChars.test(upstream)) throw new InvalidVersionError(text, 'invalid character in the upstream version');
  if (dash >= 0 && revision === '') throw new InvalidVersionError(text, 'empty revision after "-"');
  if (!revisionChars.test(revision)) throw new InvalidVersionError(text, 'invalid character in the revision');
  return { epoch, upstream, revision };
}

export function isValidVersion(text: string): boolean {
  try {
    parseVersion(text);
    return true;
  } catch (err) {
    if (err instanceof InvalidVersionError) return false;
    throw err;
  }
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** dpkg's weight of a character outside a digit run: `~` lowest, then the end and digits, letters, the rest. */
function order(c: number): number {
  if (isDigit(c) || Number.isNaN(c)) return 0; // a digit, or the end (charCodeAt past it)
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c; // letter
  if (c === 126) return -1; // ~
  return c + 256;
}

/**
 * dpkg's verrevcmp: alternating non-digit and digit parts. Digit runs are compared digit by digit once their leading
 * zeros are skipped (the longer run is the bigger number), so they may be of any length.
 */
function comparePart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    // Non-digit prefixes, character by character; the end of a string weighs as a digit (0).
    while ((i < a.length && !isDigit(a.charCodeAt(i))) || (j < b.length && !isDigit(b.charCodeAt(j)))) {
      const ac = order(a.charCodeAt(i));
      const bc = order(b.charCodeAt(j));
      if (ac !== bc) return ac < bc ? -1 : 1;
      i++;
      j++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b.charCodeAt(j) === 48) j++;
    let firstDiff = 0;
    while (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(j))) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a.charCodeAt(i))) return 1;
    if (isDigit(b.charCodeAt(j))) return -1;
    if (firstDiff !== 0) return firstDiff < 0 ? -1 : 1;
  }
  return 0;
}

/** -1, 0 or 1 as dpkg --compare-versions would say; throws InvalidVersionError for a version dpkg would refuse. */
export function compareVersions(a: string | DebVersion, b: string | DebVersion): number {
  const x = typeof a === 'string' ? parseVersion(a) : a;
  const y = typeof b === 'string' ? parseVersion(b) : b;
  // The epoch is a single digit run, compared like those of the other parts.
  return comparePart(x.epoch, y.epoch) || comparePart(x.upstream, y.upstream) || comparePart(x.revision, y.revision);
}
