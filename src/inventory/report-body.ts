// A host report arrives in one of three bodies; this picks the parser by content type and shape.
//  - application/json `{host, packages}`: Steward's own full report (what `steward agent report` sends first)
//  - application/json `{host, base, digest, count, added, removed}`: Steward's differential report
//  - application/json array of rows, or osquery's `{hostIdentifier, snapshot}` log line: osquery deb_packages
//  - text/plain or text/x-dpkg-status: a raw /var/lib/dpkg/status file
// For the last two the host's identity comes from the query string (?name=…&machineId=…&osCodename=…).
import { AppError } from '../core/errors.js';
import { normalizePackages, parseDpkgStatus, parseOsqueryDebPackages, parseStewardDelta, parseStewardReport } from './formats/index.js';
import { type HostDelta, type HostIdentity, type HostReport, ReportFormatError } from './report.js';

/** Identity fields given in the query string (attributes only come in a JSON body). */
export type IdentityQuery = Partial<Omit<HostIdentity, 'attributes'>>;

export type ParsedReport = { kind: 'full'; report: HostReport } | { kind: 'delta'; delta: HostDelta };

export function parseReportBody(contentType: string | undefined, body: unknown, query: IdentityQuery): ParsedReport {
  try {
    const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (type === 'text/plain' || type === 'text/x-dpkg-status') {
      if (typeof body !== 'string') throw new AppError('bad_request', 'expected a dpkg status file as the body');
      return full({ host: identityFrom(query), packages: normalizePackages(parseDpkgStatus(body), 'dpkg status') });
    }
    if (type !== 'application/json') {
      throw new AppError('unsupported_media_type', `content type ${type || '(none)'} is not a host report: send application/json or text/plain (a dpkg status file)`);
    }
    if (Array.isArray(body) || (body !== null && typeof body === 'object' && 'snapshot' in body)) {
      const { hostIdentifier, packages } = parseOsqueryDebPackages(body);
      return full({ host: identityFrom(query, hostIdentifier), packages: normalizePackages(packages, 'osquery') });
    }
    if (body !== null && typeof body === 'object' && 'base' in body) {
      const delta = parseStewardDelta(body);
      const host = { ...delta.host, ...definedIdentity(query) };
      return { kind: 'delta', delta: { ...delta, host, added: normalizePackages(delta.added, 'added'), removed: normalizePackages(delta.removed, 'removed') } };
    }
    const report = parseStewardReport(body);
    return full({ host: { ...report.host, ...definedIdentity(query) }, packages: normalizePackages(report.packages, 'report') });
  } catch (err) {
    if (err instanceof ReportFormatError) throw new AppError('unprocessable', err.message, { where: err.where });
    throw err;
  }
}

const full = (report: HostReport): ParsedReport => ({ kind: 'full', report });

function identityFrom(query: IdentityQuery, fallbackName?: string): HostIdentity {
  const name = query.name ?? fallbackName;
  if (!name) throw new AppError('bad_request', 'name: say which host this is (?name=…), the body does not');
  return { ...definedIdentity(query), name };
}

function definedIdentity(query: IdentityQuery): Partial<HostIdentity> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== ''));
}
