export interface HostSummary {
  id: number;
  name: string;
  customer: { id: number; name: string } | null;
  tags: string[];
  architecture: string | null;
  osId: string | null;
  osVersion: string | null;
  osCodename: string | null;
  kernel: string | null;
  machineId: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  present: boolean;
  packageCount: number;
}

export interface HostDetail extends HostSummary {
  attributes: Record<string, string>;
}

export interface Customer {
  id: number;
  name: string;
  aliases: string[];
  contacts: string | null;
  hostCount: number;
}

export interface Tag {
  id: number;
  customerId: number;
  customerName: string;
  name: string;
}

export interface Release {
  osId: string | null;
  osVersion: string | null;
  osCodename: string | null;
  count: number;
}

export interface InstalledPackage {
  name: string;
  version: string;
  source: string | null;
  sourceVersion: string | null;
  arch: string;
}

export interface PackageChange {
  change: 'added' | 'removed' | 'upgraded';
  name: string;
  arch: string;
  oldVersion: string | null;
  newVersion: string | null;
}

export interface HistoryRun {
  id: number;
  at: string;
  added: number;
  removed: number;
  upgraded: number;
  changes: PackageChange[];
}
