import { useState } from 'react';

/**
 * Copies `text` to the clipboard on `copy()`; `copied` says whether that worked. navigator.clipboard only exists on
 * https and localhost, and Steward is often reached over plain http inside a LAN: there the text is selected
 * (`select`) and copied the old way. When neither works the text is left selected, for Ctrl+C.
 */
export function useCopy(text: string, select: () => void): { copy: () => Promise<void>; copied: boolean | undefined } {
  const [copied, setCopied] = useState<boolean>();
  const copy = async () => {
    try {
      if (navigator.clipboard) await navigator.clipboard.writeText(text);
      else {
        select();
        if (!document.execCommand('copy')) throw new Error('copy refused');
      }
      setCopied(true);
    } catch {
      select();
      setCopied(false);
    }
  };
  return { copy, copied };
}
