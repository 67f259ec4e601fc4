import type { ExposedPackage } from './types';

/** "1.2-3 → 1.2-3+deb12u1", or the installed version and that there is no fix to install. */
export function ExposedVersions({ exposure }: { exposure: Pick<ExposedPackage, 'installedVersion' | 'fixedVersion' | 'state'> }) {
  return (
    <span className="mono">
      {exposure.installedVersion}
      {exposure.state === 'fixed-available' ? ` → ${exposure.fixedVersion}` : <span className="state-unfixed"> · no fix yet</span>}
    </span>
  );
}
