import { useRef } from 'react';
import { CopyStatus } from '../core/CopyStatus';
import { useCopy } from '../core/useCopy';

/** The command that installs every available fix on the host, to paste into a root shell there. */
export function FixCommand({ command }: { command: string }) {
  const code = useRef<HTMLElement>(null);
  const { copy, copied } = useCopy(command, () => {
    if (code.current) window.getSelection()?.selectAllChildren(code.current);
  });

  return (
    <div className="fix-command">
      <div className="form-row">
        <pre className="grow">
          <code ref={code} data-testid="fix-command">
            {command}
          </code>
        </pre>
        <button type="button" onClick={copy} data-testid="fix-command-copy">
          Copy
        </button>
      </div>
      <CopyStatus copied={copied} what="command" />
    </div>
  );
}
