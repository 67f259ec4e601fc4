// Durations in configuration are written the way people write them: "90s", "15m", "12h", "7d".
const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string, what: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(text);
  if (!m) throw new Error(`${what}: expected a duration like 90s, 15m, 12h or 7d, got ${JSON.stringify(text)}`);
  const value = Number(m[1]) * (units[m[2]!] ?? 1);
  if (value <= 0) throw new Error(`${what}: the duration must be greater than zero`);
  return value;
}

const sizeUnits: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

export function parseSize(text: string, what: string): number {
  const m = /^\s*(\d+)\s*(b|kb|mb|gb)?\s*$/i.exec(text);
  if (!m) throw new Error(`${what}: expected a size like 512kb or 20mb, got ${JSON.stringify(text)}`);
  return Number(m[1]) * (sizeUnits[(m[2] ?? 'b').toLowerCase()] ?? 1);
}
