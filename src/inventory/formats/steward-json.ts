// Steward's own report body: `{ host: {name, …}, packages: [{name, version, source?, sourceVersion?, arch?}] }`.
// Errors name the JSON path of the offending value.
import { type HostIdentity, type HostReport, ReportFormatError, type ReportedPackage } from '../report.js';

const hostStringFields = ['machineId', 'customer', 'architecture', 'osId', 'osVersion', 'osCodename', 'kernel'] as const;
const limits = { name: 253, field: 200, attributes: 200, attributeKey: 100, attributeValue: 1000 };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function str(v: unknown, path: string, max: number, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw new ReportFormatError('expected a non-empty string', path);
    return undefined;
  }
  if (typeof v !== 'string' || (required && v.trim() === '')) throw new ReportFormatError('expected a non-empty string', path);
  if (v.length > max) throw new ReportFormatError(`at most ${max} characters`, path);
  return v.trim() === '' ? undefined : v.trim();
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
    host.attributes = {};
    for (const [key, value] of entries) {
      if (!key || key.length > limits.attributeKey) throw new ReportFormatError(`keys are 1–${limits.attributeKey} characters`, `host.attributes.${key}`);
      if (typeof value !== 'string') throw new ReportFormatError('expected a string', `host.attributes.${key}`);
      if (value.length > limits.attributeValue) throw new ReportFormatError(`at most ${limits.attributeValue} characters`, `host.attributes.${key}`);
      host.attributes[key] = value;
    }
  }
  return host;
}

export function parseStewardReport(value: unknown): HostReport {
  if (!isObject(value)) throw new ReportFormatError('expected an object with "host" and "packages"', 'report');
  const host = parseHost(value.host);
  if (!Array.isArray(value.packages)) throw new ReportFormatError('expected an array (empty when the host has no packages)', 'packages');
  const packages = value.packages.map((p: unknown, i): ReportedPackage => {
    const path = `packages[${i}]`;
    if (!isObject(p)) throw new ReportFormatError('expected an object', path);
    const name = str(p.name, `${path}.name`, limits.field, true)!;
    const version = str(p.version, `${path}.version`, limits.field, true)!;
    const arch = str(p.arch, `${path}.arch`, limits.field, false) ?? host.architecture;
    if (!arch) throw new ReportFormatError('expected an architecture (here or in host.architecture)', `${path}.arch`);
    return {
      name,
      version,
      arch,
      source: str(p.source, `${path}.source`, limits.field, false) ?? name,
      sourceVersion: str(p.sourceVersion, `${path}.sourceVersion`, limits.field, false) ?? version,
    };
  });
  return { host, packages };
}
