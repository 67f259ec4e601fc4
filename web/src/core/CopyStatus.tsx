/** What came of a Copy button, read out by screen readers too; `what` names the text left selected on failure. */
export function CopyStatus({ copied, what }: { copied: boolean | undefined; what: string }) {
  return (
    <p aria-live="polite" className="muted">
      {copied === true && 'Copied to the clipboard.'}
      {copied === false && `Could not copy automatically; the ${what} is selected, press Ctrl+C.`}
    </p>
  );
}
