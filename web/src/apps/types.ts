// The shapes of Steward's app version API (src/inventory/apps on the server).

export interface VersionCount {
  ver: string;
  hostCount: number;
  recordCount: number;
  lastSeen: string;
}

export interface AppSummary {
  appId: string;
  app: string;
  hostCount: number;
  recordCount: number;
  lastSeen: string;
  /** Most widespread first. */
  versions: VersionCount[];
}

/** One app instance on one host: the latest update it sent. */
export interface AppRecord {
  appId: string;
  app: string;
  ver: string;
  /** '' when the update named no host. */
  host: string;
  instance: number;
  hostIp: string;
  /** JSON text of the update's app_data. */
  appData: string | null;
  firstSeen: string;
  lastSeen: string;
  versionSince: string;
  /** The inventory host whose name or machine-id `host` is. */
  hostId: number | null;
}

export interface Spread {
  appId: string;
  from: string;
  to: string;
  /** Most widespread first. */
  versions: string[];
  /** Hosts running each version at the end of each interval. */
  points: SpreadPoint[];
}

export interface SpreadPoint {
  at: string;
  hosts: Record<string, number>;
}

export interface AppVersionChange {
  appId: string;
  host: string;
  instance: number;
  app: string;
  /** seen: the record appeared or changed version; gone: it left the live view (went silent, or was cleared). */
  kind: 'seen' | 'gone';
  ver: string;
  previousVer: string | null;
  at: string;
}
