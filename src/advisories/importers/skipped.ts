// ParsedFeed.skipped: what an importer left out on purpose, counted by reason so that an import can report it.

export function countSkipped(skipped: Record<string, number>, reason: string): void {
  skipped[reason] = (skipped[reason] ?? 0) + 1;
}
