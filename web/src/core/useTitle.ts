import { useEffect } from 'react';

/** Names the browser tab and history entry after the page, so several open Steward tabs can be told apart. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Steward` : 'Steward';
  }, [title]);
}
