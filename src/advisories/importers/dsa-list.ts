// The Debian security tracker's `data/DSA/list` and `data/DLA/list` (grammar: lib/python/sectracker/parsers.py):
//
//   [29 Mar 2023] DSA-5380-1 xorg-server - security update
//   	{CVE-2023-1393}
//   	[bullseye] - xorg-server 2:1.20.11-1+deb11u6
//   	[lenny] - openoffice.org <not-affected> (Vulnerable code not present)
//   	NOTE: …
//
// Entry lines are indented with a tab or with spaces: both are read (patch-friend read tabs only and lost the
// 8-space-indented lines). `<unfixed>` and `<end-of-life>` are kept as states without a fix — the old tool turned
// them into version "0" and never showed them. `<undetermined>` and `<removed>` (the package left the release; an
// installed copy keeps the flaw) are states of their own, without a fix. `<itp>` (an intent-to-package bug: the
// package is not in the archive) says nothing about any installed package, so its entries are left out and counted
// in `skipped`. A `(text)` after a version or tag is kept as the entry's note.
import { FeedFormatError, type ParsedAdvisory, type ParsedFeed } from '../model.js';
import { cveId } from './cve-ids.js';
import { PackageList, type NoFixState } from './package-list.js';
import { countSkipped } from './skipped.js';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const header = /^\[(\d\d) ([A-Z][a-z]{2}) (\d{4})\] (D[SL]A-\d+(?:-\d+)?)(?:\s+(.*))?$/;
const undatedHeader = /^(?:\[[^\]]*\]\s*)?D[SL]A-\d/;
const cveLine = /^\{([^}]*)\}$/;
const releaseLine = /^\[([^\]]+)\]\s+-\s+(\S+)\s+(.*)$/;
// What follows the package: a version or a <tag>, then optionally a note in parentheses.
const fixText = /^(?:<([^>]*)>|([^\s<(]\S*))(?:\s+\((.*)\))?$/;

const tagStates: Record<string, NoFixState> = {
  'not-affected': 'not-affected',
  unfixed: 'unfixed',
  'end-of-life': 'end-of-life',
  'no-dsa': 'no-dsa',
  ignored: 'ignored',
  postponed: 'postponed',
  removed: 'removed',
  undetermined: 'undetermined',
};
export const itpSkipped = '<itp> entry (the package is not in the archive)';
// DSA-423 in the real list reads "[woody] - kernel-image-2.4.17-ia64 kernel-image-2.4.17-ia64": the version field
// repeats the package name, so the fixed version is simply missing. Refusing the whole list for that slip would leave
// every Debian host unmatched; any other version dpkg would refuse still fails the import.
export const nameAsVersionSkipped = 'entry whose version repeats the package name (no version given)';

interface Draft {
  advisory: ParsedAdvisory;
  packages: PackageList;
  cves: Set<string>;
}

const where = (line: number) => `list line ${line}`;

export function parseDsaList(text: string): ParsedFeed {
  const drafts: Draft[] = [];
  const headerLines = new Map<string, number>();
  const skipped: Record<string, number> = {};
  let current: Draft | undefined;

  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.replace(/\r$/, '');
    const content = raw.trim();
    if (content === '') continue;
    if (raw[0] !== ' ' && raw[0] !== '\t') {
      current = headerOf(content, lineNo);
      const id = current.advisory.id;
      const first = headerLines.get(id);
      if (first !== undefined) throw new FeedFormatError(`${id} appears twice (first at line ${first})`, where(lineNo));
      headerLines.set(id, lineNo);
      drafts.push(current);
      continue;
    }
    if (!current) throw new FeedFormatError(`indented line before any advisory header: ${JSON.stringify(content.slice(0, 60))}`, where(lineNo));
    if (content.startsWith('NOTE:')) continue;
    const cves = cveLine.exec(content);
    if (cves) {
      for (const token of cves[1]!.split(/\s+/).filter(Boolean)) {
        if (!cveId.test(token)) throw new FeedFormatError(`${JSON.stringify(token)} in {…} is not a CVE id`, where(lineNo));
        current.cves.add(token);
      }
      continue;
    }
    const entry = releaseLine.exec(content);
    if (!entry) {
      throw new FeedFormatError(
        `expected "{CVE-…}", "[release] - package version|<tag>" or "NOTE:", got ${JSON.stringify(content.slice(0, 60))}`,
        where(lineNo),
      );
    }
    const [release, name, rest] = [entry[1]!, entry[2]!, entry[3]!];
    const fix = fixText.exec(rest);
    if (!fix) throw new FeedFormatError(`expected a version or <tag> (optionally followed by "(note)") after ${name}, got ${JSON.stringify(rest)}`, where(lineNo));
    const [, tag, version, note] = fix;
    const ref = { release, kind: 'source' as const, name };
    if (version === name) {
      countSkipped(skipped, nameAsVersionSkipped);
    } else if (version !== undefined) {
      current.packages.fixed(ref, version, where(lineNo), note);
    } else if (tag === 'itp') {
      countSkipped(skipped, itpSkipped);
    } else {
      const state = tagStates[tag!];
      if (!state) throw new FeedFormatError(`unknown tag <${tag}>: expected one of ${[...Object.keys(tagStates), 'itp'].map((t) => `<${t}>`).join(', ')}`, where(lineNo));
      current.packages.without(ref, state, where(lineNo), note);
    }
  }

  return {
    advisories: drafts.map(({ advisory, packages, cves }) => ({ ...advisory, cves: [...cves], packages: packages.packages })),
    skipped,
  };
}

function headerOf(line: string, lineNo: number): Draft {
  const m = header.exec(line);
  if (!m) {
    if (undatedHeader.test(line)) throw new FeedFormatError(`advisory header without a valid date: expected "[DD Mon YYYY] DSA-N-R package - title", got ${JSON.stringify(line.slice(0, 60))}`, where(lineNo));
    throw new FeedFormatError(`expected an advisory header "[DD Mon YYYY] DSA-N-R package - title", got ${JSON.stringify(line.slice(0, 60))}`, where(lineNo));
  }
  const [day, month, year, id, rest] = [m[1]!, m[2]!, m[3]!, m[4]!, m[5] ?? ''];
  const monthNo = months.indexOf(month) + 1;
  const date = new Date(Date.UTC(Number(year), monthNo - 1, Number(day)));
  if (monthNo === 0 || date.getUTCDate() !== Number(day)) throw new FeedFormatError(`invalid date [${day} ${month} ${year}]`, where(lineNo));
  // The header text names the package(s) and the kind of update ("xorg-server - security update"); old headers have
  // stray dashes and spacing ("  - SQL injection vulnerabilites"), tidied so that titles read alike.
  const title = rest.replace(/\s+/g, ' ').replace(/^-+\s*/, '').trim() || id;
  return {
    advisory: { id, source: 'debian', title, issued: `${year}-${String(monthNo).padStart(2, '0')}-${day}`, cves: [], packages: [] },
    packages: new PackageList(),
    cves: new Set(),
  };
}
