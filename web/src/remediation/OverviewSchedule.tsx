import { Link } from 'react-router-dom';
import { plural } from './plainWords';
import type { CustomerReportSchedule } from './types';
import { WindowTimes } from './WindowTimes';

const installsWords = { security: 'security updates', all: 'all updates' };

/** How many host names a schedule line spells out before "and N more". */
const namedHosts = 8;

function hostNames(hosts: { id: number; name: string }[]) {
  const named = hosts.slice(0, namedHosts);
  return (
    <>
      {named.map((h, i) => (
        <span key={h.id}>
          {i > 0 && ', '}
          <Link to={`/hosts/${h.id}`}>{h.name}</Link>
        </span>
      ))}
      {hosts.length > namedHosts && ` and ${hosts.length - namedHosts} more`}
    </>
  );
}

/** "What is scheduled": for each policy, which servers it covers and when they next install updates and restart. */
export function OverviewSchedule({ schedule, hostsWithoutPolicy }: { schedule: CustomerReportSchedule[]; hostsWithoutPolicy: number }) {
  return (
    <section aria-labelledby="schedule-title" data-testid="overview-schedule">
      <h2 id="schedule-title">What is scheduled</h2>
      {schedule.length === 0 && <p className="empty">No automatic patching is scheduled: your servers are updated by hand.</p>}
      <ul className="overview-list">
        {schedule.map((s) => (
          <li key={s.policy.id} className="overview-item" data-testid="overview-policy">
            <p>
              <strong>{s.policy.name}</strong>:{' '}
              {s.policy.mode === 'automatic'
                ? `installs ${installsWords[s.policy.installs]} on its own on ${plural(s.hosts.length, 'server')}`
                : `${plural(s.hosts.length, 'server')} updated by hand at agreed times`}{' '}
              ({hostNames(s.hosts)}).
            </p>
            <p>
              {s.policy.mode === 'automatic' ? 'Next updates: ' : 'Next agreed update time: '}
              <WindowTimes window={s.nextPatchWindow} timeZone={s.policy.timeZone} empty="none planned" testId="overview-next-patch" />
              <br />
              Next restart: <WindowTimes window={s.nextRebootWindow} timeZone={s.policy.timeZone} empty="none planned" testId="overview-next-reboot" />
            </p>
          </li>
        ))}
      </ul>
      {hostsWithoutPolicy > 0 && (
        <p data-testid="overview-no-policy">
          {plural(hostsWithoutPolicy, 'server')} {hostsWithoutPolicy === 1 ? 'has' : 'have'} no patching schedule: {hostsWithoutPolicy === 1 ? 'it is' : 'they are'} updated by hand.
        </p>
      )}
    </section>
  );
}
