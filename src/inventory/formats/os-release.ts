// /etc/os-release: shell-style KEY=value lines, values optionally quoted (see os-release(5)).
export interface OsRelease {
  osId?: string;
  osVersion?: string;
  osCodename?: string;
  prettyName?: string;
}

function unquote(raw: string): string {
  const v = raw.trim();
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) return v.slice(1, -1).replace(/\\(["\\$`])/g, '$1');
  if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) return v.slice(1, -1);
  return v;
}

export function parseOsRelease(text: string): OsRelease {
  const vars = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) vars.set(m[1]!, unquote(m[2]!));
  }
  const pick = (...keys: string[]) => keys.map((k) => vars.get(k)).find((v) => v !== undefined && v !== '');
  return {
    osId: pick('ID'),
    osVersion: pick('VERSION_ID'),
    osCodename: pick('VERSION_CODENAME', 'UBUNTU_CODENAME'),
    prettyName: pick('PRETTY_NAME'),
  };
}
