/** A kernel installed but not booted: upgrading it changes nothing until a reboot into it, removing it is the fix. */
export function NotRunningBadge({ notRunning }: { notRunning: boolean }) {
  return notRunning ? (
    <span className="badge badge-absent" title="This kernel is installed but not running">
      not running
    </span>
  ) : null;
}
