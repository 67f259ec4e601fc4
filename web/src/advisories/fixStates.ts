import type { FixState } from './types';

/** What each state of a covered package means for a host that has it, in plain words. */
export const fixStateExplanations: Record<Exclude<FixState, 'fixed'>, { label: string; explanation: string }> = {
  'not-affected': { label: 'not affected', explanation: 'This release was never vulnerable: no installed version is affected.' },
  unfixed: { label: 'unfixed', explanation: 'No fix yet: every installed version is affected.' },
  'end-of-life': { label: 'end of life', explanation: 'The release is no longer supported for this package: no fix will come, every installed version is affected.' },
  'no-dsa': { label: 'no advisory', explanation: 'The security team will not fix this by an advisory (a minor issue, maybe fixed in a point release): every installed version is affected.' },
  ignored: { label: 'ignored', explanation: 'The security team decided not to fix this: every installed version is affected.' },
  postponed: { label: 'postponed', explanation: 'A fix is postponed to a later update: every installed version is affected until then.' },
  undetermined: { label: 'undetermined', explanation: 'Whether this release is affected is not known yet: every installed version counts as affected.' },
  removed: { label: 'removed', explanation: 'The package left the release: an installed copy keeps the flaw and gets no fix.' },
};
