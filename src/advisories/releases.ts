// Debian and Ubuntu releases, codename ↔ version. Feeds name a release by codename (Debian's lists, USN) or by
// version (OSV's `Debian:12`, `Ubuntu:22.04:LTS`); hosts report either, or a sentence (`Debian GNU/Linux 12
// (bookworm)`). Steward keys releases on the codename. The table follows distro-info-data
// (/usr/share/distro-info/*.csv), which releases.test.ts checks it against.

export type Distro = 'debian' | 'ubuntu';

export interface Release {
  distro: Distro;
  codename: string;
  /** As the distribution writes it: '12', '4.0', '22.04'. Debian's sid has none. */
  version?: string;
  /** Ubuntu's long-term support releases (true) and the others (false); not a notion of Debian's releases. */
  lts?: boolean;
}

// Oldest first: [codename, version].
const debian: [string, string?][] = [
  ['buzz', '1.1'], ['rex', '1.2'], ['bo', '1.3'], ['hamm', '2.0'], ['slink', '2.1'], ['potato', '2.2'], ['woody', '3.0'],
  ['sarge', '3.1'], ['etch', '4.0'], ['lenny', '5.0'], ['squeeze', '6.0'], ['wheezy', '7'], ['jessie', '8'], ['stretch', '9'],
  ['buster', '10'], ['bullseye', '11'], ['bookworm', '12'], ['trixie', '13'], ['forky', '14'], ['duke', '15'], ['sid'],
];

// Oldest first: [codename, version, 'LTS' for a long-term support release].
const ubuntu: [string, string, 'LTS'?][] = [
  ['warty', '4.10'], ['hoary', '5.04'], ['breezy', '5.10'], ['dapper', '6.06', 'LTS'], ['edgy', '6.10'], ['feisty', '7.04'],
  ['gutsy', '7.10'], ['hardy', '8.04', 'LTS'], ['intrepid', '8.10'], ['jaunty', '9.04'], ['karmic', '9.10'],
  ['lucid', '10.04', 'LTS'], ['maverick', '10.10'], ['natty', '11.04'], ['oneiric', '11.10'], ['precise', '12.04', 'LTS'],
  ['quantal', '12.10'], ['raring', '13.04'], ['saucy', '13.10'], ['trusty', '14.04', 'LTS'], ['utopic', '14.10'],
  ['vivid', '15.04'], ['wily', '15.10'], ['xenial', '16.04', 'LTS'], ['yakkety', '16.10'], ['zesty', '17.04'],
  ['artful', '17.10'], ['bionic', '18.04', 'LTS'], ['cosmic', '18.10'], ['disco', '19.04'], ['eoan', '19.10'],
  ['focal', '20.04', 'LTS'], ['groovy', '20.10'], ['hirsute', '21.04'], ['impish', '21.10'], ['jammy', '22.04', 'LTS'],
  ['kinetic', '22.10'], ['lunar', '23.04'], ['mantic', '23.10'], ['noble', '24.04', 'LTS'], ['oracular', '24.10'],
  ['plucky', '25.04'], ['questing', '25.10'], ['resolute', '26.04', 'LTS'],
];

/** Other names of a release, as a host may report them. */
const aliases = new Map([['unstable', 'sid']]);

export const releases: readonly Release[] = Object.freeze([
  ...debian.map(([codename, version]): Release => Object.freeze({ distro: 'debian', codename, version })),
  ...ubuntu.map(([codename, version, lts]): Release => Object.freeze({ distro: 'ubuntu', codename, version, lts: lts === 'LTS' })),
]);

const byCodename = new Map(releases.map((r) => [r.codename, r]));

export function releaseByCodename(codename: string): Release | undefined {
  const name = codename.toLowerCase();
  return byCodename.get(aliases.get(name) ?? name);
}

/**
 * The release a version names: its own ('12', '22.04', '4.0'), a point release of it ('12.5', '22.04.4', '6.0.10')
 * or the same number written shorter ('4' for 4.0). Not '12.04' for Debian: a point number has no leading zero.
 */
export function releaseByVersion(distro: Distro, version: string): Release | undefined {
  if (!/^\d+(?:\.\d+)*$/.test(version)) return undefined;
  const given = version.split('.');
  return releases.find((r) => {
    if (r.distro !== distro || r.version === undefined) return false;
    const own = r.version.split('.');
    const shared = Math.min(own.length, given.length);
    return (
      own.slice(0, shared).every((c, i) => c === given[i]) &&
      own.slice(shared).every((c) => /^0+$/.test(c)) &&
      given.slice(shared).every((c) => /^(?:0|[1-9]\d*)$/.test(c))
    );
  });
}

/** A release, and whether an OSV ecosystem names its Ubuntu Pro (ESM) stream rather than its own archive. */
export interface OsvEcosystemRelease extends Release {
  pro: boolean;
}

/**
 * The release of an OSV ecosystem: `Debian:12`, `Debian:4.0`, `Ubuntu:22.04:LTS`, `Ubuntu:24.10`,
 * `Ubuntu:Pro:18.04:LTS`; undefined for any other. The `:LTS` suffix must match the release, and Pro streams exist
 * for LTS releases only. Ubuntu Pro's other streams (`Ubuntu:Pro:FIPS:…`, `…:Realtime:Kernel`) are left out: they
 * ship their own builds, which a host on the release's archive or its ESM does not run.
 */
export function releaseFromOsvEcosystem(ecosystem: string): OsvEcosystemRelease | undefined {
  const [distro, ...parts] = ecosystem.split(':');
  if (distro === 'Debian') {
    const release = parts.length === 1 ? releases.find((r) => r.distro === 'debian' && r.version === parts[0]) : undefined;
    return release && { ...release, pro: false };
  }
  if (distro !== 'Ubuntu') return undefined;
  const pro = parts[0] === 'Pro';
  const [version, suffix, ...rest] = pro ? parts.slice(1) : parts;
  if (rest.length > 0 || (suffix !== undefined && suffix !== 'LTS')) return undefined;
  const release = releases.find((r) => r.distro === 'ubuntu' && r.version === version);
  if (!release || release.lts !== (suffix === 'LTS') || (pro && !release.lts)) return undefined;
  return { ...release, pro };
}

// What hosts report: a codename (`bookworm`), a version (`12`, `22.04`), either after the distribution's name
// (`Debian 12`, `Ubuntu jammy`), and os-release's PRETTY_NAME and VERSION (`Debian GNU/Linux 12 (bookworm)`,
// `Ubuntu 22.04.4 LTS`, `22.04.4 LTS (Jammy Jellyfish)`).
const reported =
  /^(?:(?<distro>debian|ubuntu)(?: gnu\/linux)? )?(?:(?<version>\d+(?:\.\d+)*)(?: lts)?|(?<codename>[a-z]+))(?: \((?<named>[a-z]+)(?: [a-z]+)?\))?$/;

/** The codename of the release `text` names, as a host reports it; undefined when unknown or contradictory. */
export function normalizeRelease(text: string): string | undefined {
  const m = reported.exec(text.trim().replace(/\s+/g, ' ').toLowerCase())?.groups;
  if (!m) return undefined;
  const { distro, version, codename, named } = m;
  const release =
    codename !== undefined
      ? releaseByCodename(codename)
      : distro !== undefined
        ? releaseByVersion(distro as Distro, version!)
        : // A bare YY.MM is Ubuntu's: Debian reports its major number alone ('12'), so only a Debian point release
          // written N.10 could be meant otherwise, and 'Debian 12.10' says so.
          (releaseByVersion('ubuntu', version!) ?? releaseByVersion('debian', version!));
  if (!release || (distro !== undefined && release.distro !== distro)) return undefined;
  if (named !== undefined && releaseByCodename(named) !== release) return undefined;
  return release.codename;
}
