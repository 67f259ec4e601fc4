/** Feeds give a day ("2023-03-29") or a moment; a day is what matters when reading advisories. */
export const issuedDate = (issued: string | null): string => issued?.slice(0, 10) ?? '—';
