import { Timestamp } from '../core/Timestamp';
import type { AdvisoryFeed } from './types';

export function FeedsTable({ feeds }: { feeds: AdvisoryFeed[] }) {
  return (
    <div className="table-wrap">
      <table data-testid="feeds-table">
        <thead>
          <tr>
            <th scope="col">Feed</th>
            <th scope="col">Format</th>
            <th scope="col">Every</th>
            <th scope="col">Last success</th>
            <th scope="col">Last error</th>
            <th scope="col" className="num">
              Advisories
            </th>
            <th scope="col">Next fetch</th>
          </tr>
        </thead>
        <tbody>
          {feeds.map((f) => (
            <tr key={f.id} data-testid="feed-row">
              <th scope="row">
                {f.name}
                <div className="mono muted">{f.location}</div>
              </th>
              <td className="nowrap">{f.format}</td>
              <td>{f.every}</td>
              <td>
                <Timestamp iso={f.lastSuccessAt} empty="never" />
              </td>
              <td>
                {/* The advisories of the last success are kept meanwhile: the error is what says the data may be old. */}
                {f.lastError ? (
                  <>
                    <span className="feed-error" data-testid="feed-error">
                      {f.lastError}
                    </span>{' '}
                    <span className="muted">
                      (<Timestamp iso={f.lastAttemptAt} />)
                    </span>
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="num">{f.advisoryCount ?? <span className="muted">—</span>}</td>
              {/* A feed never fetched is due from the start of time: "now" says it better. */}
              <td>{Date.parse(f.dueAt) <= Date.now() ? 'now' : <Timestamp iso={f.dueAt} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
