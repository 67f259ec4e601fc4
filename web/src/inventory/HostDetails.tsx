import { Fragment } from 'react';
import { Link } from 'react-router-dom';
import { withQuery } from '../core/api';
import { Timestamp } from '../core/Timestamp';
import { osName } from './osName';
import { PresenceBadge } from './PresenceBadge';
import type { HostDetail } from './types';

export function HostDetails({ host }: { host: HostDetail }) {
  const attributes = Object.entries(host.attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <header className="host-header">
      <h1 data-testid="host-name">
        {host.name} <PresenceBadge present={host.present} />
      </h1>
      <dl className="facts">
        <dt>Customer</dt>
        <dd>{host.customer ? <Link to={withQuery('/hosts', { customer: host.customer.id })}>{host.customer.name}</Link> : '—'}</dd>
        <dt>Tags</dt>
        <dd>
          {host.tags.length === 0
            ? '—'
            : host.tags.map((tag) => (
                <Link key={tag} className="tag" to={withQuery('/hosts', { customer: host.customer?.id, tag })}>
                  {tag}
                </Link>
              ))}
        </dd>
        <dt>OS</dt>
        <dd>{osName(host)}</dd>
        <dt>Kernel</dt>
        <dd className="mono">{host.kernel ?? '—'}</dd>
        <dt>Architecture</dt>
        <dd>{host.architecture ?? '—'}</dd>
        <dt>Machine ID</dt>
        <dd className="mono">{host.machineId ?? '—'}</dd>
        <dt>First seen</dt>
        <dd>
          <Timestamp iso={host.firstSeen} format="full" />
        </dd>
        <dt>Last seen</dt>
        <dd>
          <Timestamp iso={host.lastSeen} format="full" />
        </dd>
        <dt>Status</dt>
        <dd>{host.present ? 'present' : 'absent'}</dd>
      </dl>
      {attributes.length > 0 && (
        <details className="attributes">
          <summary>Other facts ({attributes.length})</summary>
          <dl className="facts">
            {attributes.map(([key, value]) => (
              <Fragment key={key}>
                <dt>{key}</dt>
                <dd className="mono">{value}</dd>
              </Fragment>
            ))}
          </dl>
        </details>
      )}
    </header>
  );
}
