// The shape of a host report once parsed, whatever body format it arrived in.

/** One installed binary package. `source`/`sourceVersion` default to the binary's own name/version, as dpkg does. */
export interface ReportedPackage {
  name: string;
  version: string;
  source: string;
  sourceVersion: string;
  arch: string;
}

/** What a host says about itself. Every field but `name` is optional: a report may know only a little. */
export interface HostIdentity {
  /** Host name (FQDN or short name), as the host knows itself. */
  name: string;
  machineId?: string;
  /** Customer name or alias; resolved to a customer by the server. */
  customer?: string;
  architecture?: string;
  /** From /etc/os-release: ID (debian, ubuntu), VERSION_ID (12, 22.04), VERSION_CODENAME (bookworm, jammy). */
  osId?: string;
  osVersion?: string;
  osCodename?: string;
  /** The running kernel release (uname -r). */
  kernel?: string;
  attributes?: Record<string, string>;
}

export interface HostReport {
  host: HostIdentity;
  packages: ReportedPackage[];
}

/** Raised by parsers for input that cannot be read; `where` names the line, field or position. */
export class ReportFormatError extends Error {
  constructor(
    message: string,
    readonly where?: string,
  ) {
    super(where ? `${where}: ${message}` : message);
    this.name = 'ReportFormatError';
  }
}

/**
 * A differential report: what changed since the package set whose digest is `base` (the digest the server
 * returned for the agent's last accepted report). `digest` and `count` describe the set after the change.
 */
export interface HostDelta {
  host: HostIdentity;
  base: string;
  digest: string;
  count: number;
  added: ReportedPackage[];
  removed: ReportedPackage[];
}
