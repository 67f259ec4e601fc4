// Replays a host's recorded change history onto the packages of its first run: if no change was lost or doubled,
// the result is exactly the host's current package set.
interface Run {
  kind: string;
  changes: { change: string; name: string; arch: string; newVersion: string | null }[];
}

export function replayHistory(initial: { name: string; arch: string; version: string }[], runsNewestFirst: Run[]): Map<string, string> {
  const state = new Map(initial.map((p) => [`${p.name}:${p.arch}`, p.version]));
  for (const run of [...runsNewestFirst].reverse().slice(1)) {
    for (const c of run.changes) {
      if (c.change === 'removed') state.delete(`${c.name}:${c.arch}`);
      else state.set(`${c.name}:${c.arch}`, c.newVersion!);
    }
  }
  return state;
}

export const asState = (pkgs: { name: string; arch: string; version: string }[]): Map<string, string> =>
  new Map(pkgs.map((p) => [`${p.name}:${p.arch}`, p.version]));
