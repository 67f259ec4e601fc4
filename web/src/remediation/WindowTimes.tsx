import { viewerTimeZone, wallRange } from './timeText';
import type { TimeWindow } from './types';

interface Props {
  window: TimeWindow | null;
  /** The policy's zone: where the hosts' clocks are. */
  timeZone: string;
  empty?: string;
  testId?: string;
}

/** A window as the hosts' clock shows it and, when the viewer's differs, as the viewer's does. */
export function WindowTimes({ window, timeZone, empty = 'none', testId }: Props) {
  if (!window) return <span className="muted">{empty}</span>;
  const viewer = viewerTimeZone();
  const inPolicy = wallRange(window.start, window.end, timeZone);
  const inViewer = wallRange(window.start, window.end, viewer);
  return (
    <span className="window-times" data-testid={testId}>
      <time dateTime={window.start} data-testid="window-policy-time">
        {inPolicy} <span className="muted">{timeZone}</span>
      </time>
      {viewer !== timeZone && (
        <span className="muted" data-testid="window-viewer-time">
          {' '}
          ({inViewer} your time, {viewer})
        </span>
      )}
    </span>
  );
}
