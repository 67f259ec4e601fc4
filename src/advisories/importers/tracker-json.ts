// The Debian security tracker's JSON (security-tracker.debian.org/tracker/data/json, written by
// bin/tracker_service.py): {source: {issue: {description, scope, debianbug, releases: {codename: {status,
// fixed_version, urgency, nodsa, nodsa_reason, repositories}}}}}. One advisory per issue, with an entry per
// (source, release); an issue filed under several sources becomes one advisory with all their packages.
// Issues are CVE ids or the tracker's TEMP-… ids for flaws without a CVE yet; both are kept (a TEMP issue has no CVEs).
// `repositories` gives the versions in the archive, not fixes, and is not read.
import { FeedFormatError, type ParsedAdvisory, type ParsedFeed } from '../model.js';
import { cveId } from './cve-ids.js';
import { at, expect, field, optionalField, parseJson, type JsonObject } from './json-fields.js';
import { PackageList, type PackageRef } from './package-list.js';

const issueId = /^(?:CVE-\d{4}-\d{4,}|TEMP-\d+-[0-9A-Za-z]+)$/;
// Urgencies that rate the flaw, lowest first; "not yet assigned" and "end-of-life" do not, and a trailing `*` or
// `**` marks a rating the team is unsure of.
const ratings = ['unimportant', 'low', 'medium', 'high'];
const rank = (urgency: string) => ratings.indexOf(urgency.replace(/\*+$/, ''));

interface Draft {
  advisory: ParsedAdvisory;
  packages: PackageList;
  severity?: string;
}

export function parseTrackerJson(text: string): ParsedFeed {
  const root = expect(parseJson(text, 'tracker JSON'), 'object', '$');
  const drafts = new Map<string, Draft>();
  for (const [source, issues] of Object.entries(root)) {
    const sourcePath = at('$', source);
    for (const [id, value] of Object.entries(expect(issues, 'object', sourcePath))) {
      const path = at(sourcePath, id);
      if (!issueId.test(id)) throw new FeedFormatError(`expected a CVE-… or TEMP-… issue id, got ${JSON.stringify(id)}`, path);
      const issue = expect(value, 'object', path);
      const draft = drafts.get(id) ?? newDraft(id);
      drafts.set(id, draft);
      const description = optionalField(issue, 'description', 'string', path);
      if (description && draft.advisory.description === undefined) {
        draft.advisory.description = description;
        draft.advisory.title = description.split('\n', 1)[0]!.trim() || id;
      }
      const releases = field(issue, 'releases', 'object', path);
      for (const [release, state] of Object.entries(releases)) {
        const releasePath = at(at(path, 'releases'), release);
        const entry = expect(state, 'object', releasePath);
        addRelease(draft, { release, kind: 'source', name: source }, entry, releasePath);
      }
    }
  }
  return {
    advisories: [...drafts.values()].map(({ advisory, packages, severity }) => ({
      ...advisory,
      ...(severity === undefined ? {} : { severity }),
      packages: packages.packages,
    })),
    skipped: {},
  };
}

const newDraft = (id: string): Draft => ({
  advisory: { id, source: 'debian', title: id, cves: cveId.test(id) ? [id] : [], packages: [] },
  packages: new PackageList(),
});

/** One release's verdict, mapped as lib/python/bugs.py writes it (see the reference notes, §3). */
function addRelease(draft: Draft, ref: PackageRef, entry: JsonObject, path: string): void {
  const status = field(entry, 'status', 'string', path);
  const fixed = optionalField(entry, 'fixed_version', 'string', path) || undefined;
  const urgency = optionalField(entry, 'urgency', 'string', path);
  if (urgency !== undefined && rank(urgency) >= 0 && (draft.severity === undefined || rank(urgency) > rank(draft.severity))) draft.severity = urgency;

  // "0" is the tracker's "never had the flaw", whatever the status says.
  if (fixed === '0') return draft.packages.without(ref, 'not-affected', path);
  switch (status) {
    case 'resolved':
      if (fixed === undefined) throw new FeedFormatError('status "resolved" without a fixed_version', path);
      return draft.packages.fixed(ref, fixed, at(path, 'fixed_version'));
    case 'undetermined':
      return draft.packages.without(ref, 'undetermined', path);
    case 'open':
      break;
    default:
      throw new FeedFormatError(`unknown status ${JSON.stringify(status)}: expected resolved, open or undetermined`, at(path, 'status'));
  }
  if (urgency === 'end-of-life') return draft.packages.without(ref, 'end-of-life', path);
  const nodsa = optionalField(entry, 'nodsa', 'string', path);
  const reason = optionalField(entry, 'nodsa_reason', 'string', path) ?? '';
  // `nodsa` holds the team's words ("Minor issue"); `nodsa_reason` says whether it is ignored or postponed.
  switch (reason) {
    case 'ignored':
    case 'postponed':
      return draft.packages.without(ref, reason, path, nodsa);
    case '':
      return nodsa === undefined ? draft.packages.without(ref, 'unfixed', path) : draft.packages.without(ref, 'no-dsa', path, nodsa);
    default:
      throw new FeedFormatError(`unknown nodsa_reason ${JSON.stringify(reason)}: expected "ignored", "postponed" or ""`, at(path, 'nodsa_reason'));
  }
}
