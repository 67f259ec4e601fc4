// Steward's own report bodies: full, `{ host: {name, …}, packages: [{name, version, source?, sourceVersion?, arch?}] }`,
// and differential, `{ host, base, digest, count, added: [...], removed: [...] }`.
// Errors name the JSON path of the offending value.
import { type HostDelta, type HostIdentity, type HostReport, ReportFormatError, type ReportedPackage } from '../report.js';

const hostStringFields = ['machineId', 'customer', 'architecture', 'osId', 'osVersion', 'osCodename', 'kernel'] as const;
const limits = { name: 253, field: 200, attributes: 200, attributeKey: 100, attributeValue: 1000 };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function str(v: unknown, path: string, max: number, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw new ReportFormatError('expected a non-empty string', path);
    return undefined;
  }
  if (typeof v !== 'string') throw new ReportFormatError('expected a non-empty string', path);
  if (v.length > max) throw new ReportFormatError(`at most ${max} characters`, path);
  // Trimming only what needs it: this runs for every field of every package of every report.
  const t = v.length > 0 && v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32 ? v : v.trim();
  if (t === '') {
    if (required) throw new ReportFormatError('expected a non-empty string', path);
    return undefined;
  }
  return t;
}

function parseHost(v: unknown): HostIdentity {
  if (!isObject(v)) throw new ReportFormatError('expected an object', 'host');
  const host: HostIdentity = { name: str(v.name, 'host.name', limits.name, true)! };
  for (const f of hostStringFields) {
    const value = str(v[f], `host.${f}`, limits.field, false);
    if (value !== undefined) host[f] = value;
  }
  if (v.attributes !== undefined) {
    if (!isObject(v.attributes)) throw new ReportFormatError('expected an object of strings', 'host.attributes');
    const entries = Object.entries(v.attributes);
    if (entries.length > limits.attributes) throw new ReportFormatError(`at most ${limits.attributes} attributes`, 'host.attributes');
    for (const [key, value] of entries) {
      if (!key || key.length > limits.attributeKey) throw new ReportFormatError(`keys are 1–${limits.attributeKey} characters`, `host.attributes.${key}`);
      if (typeof value !== 'string') throw new ReportFormatError('expected a string', `host.attributes.${key}`);
      if (value.length > limits.attributeValue) throw new ReportFormatError(`at most ${limits.attributeValue} characters`, `host.attributes.${key}`);
    }
    // fromEntries defines own properties, so a "__proto__" key is kept as data instead of being swallowed by the setter.
    host.attributes = Object.fromEntries(entries) as Record<string, string>;
  }
  return host;
}

function parsePackages(value: unknown, field: string, hostArch: string | undefined): ReportedPackage[] {
  if (!Array.isArray(value)) throw new ReportFormatError('expected an array (empty when there are none)', field);
  return value.map((p: unknown, i): ReportedPackage => {
    const path = `${field}[${i}]`;
    if (!isObject(p)) throw new ReportFormatError('expected an object', path);
    const name = str(p.name, `${path}.name`, limits.field, true)!;
    const version = str(p.version, `${path}.version`, limits.field, true)!;
    const arch = str(p.arch, `${path}.arch`, limits.field, false) ?? hostArch;
    if (!arch) throw new ReportFormatError('expected an architecture (here or in host.architecture)', `${path}.arch`);
    return {
      name,
      version,
      arch,
      source: str(p.source, `${path}.source`, limits.field, false) ?? name,
      sourceVersion: str(p.sourceVersion, `${path}.sourceVersion`, limits.field, false) ?? version,
    };
  });
}

export function parseStewardReport(value: unknown): HostReport {
  if (!isObject(value)) throw new ReportFormatError('expected an object with "host" and "packages"', 'report');
  const host = parseHost(value.host);
  return { host, packages: parsePackages(value.packages, 'packages', host.architecture) };
}

const digestPattern = /^[0-9a-f]{64}$/;

/** A differential report: `{host, base, digest, count, added, removed}` (see HostDelta). */
export function parseStewardDelta(value: unknown): HostDelta {
  if (!isObject(value)) throw new ReportFormatError('expected an object', 'report');
  const host = parseHost(value.host);
  for (const field of ['base', 'digest'] as const) {
    if (typeof value[field] !== 'string' || !digestPattern.test(value[field])) throw new ReportFormatError('expected a SHA-256 digest (64 hex digits)', field);
  }
  if (!Number.isInteger(value.count) || (value.count as number) < 0) throw new ReportFormatError('expected the number of packages after the change', 'count');
  return {
    host,
    base: value.base as string,
    digest: value.digest as string,
    count: value.count as number,
    added: parsePackages(value.added, 'added', host.architecture),
    removed: parsePackages(value.removed, 'removed', host.architecture),
  };
}
