import type { PackageChange } from './types';

/** Like dpkg, the architecture is only spelled out when it is foreign to the host (e.g. i386 libraries on amd64). */
function packageName(change: PackageChange, hostArch: string | null): string {
  return change.arch && change.arch !== 'all' && change.arch !== hostArch ? `${change.name}:${change.arch}` : change.name;
}

export function PackageChangeLine({ change, hostArch }: { change: PackageChange; hostArch: string | null }) {
  const name = packageName(change, hostArch);
  switch (change.change) {
    case 'added':
      return (
        <li className="change change-added">
          <span className="change-mark">+</span> {name} <span className="mono">{change.newVersion}</span>
        </li>
      );
    case 'removed':
      return (
        <li className="change change-removed">
          <span className="change-mark">−</span> {name} <span className="mono">{change.oldVersion}</span>
        </li>
      );
    case 'upgraded':
      return (
        <li className="change change-upgraded">
          {name}{' '}
          <span className="mono">
            {change.oldVersion} → {change.newVersion}
          </span>
        </li>
      );
  }
}
