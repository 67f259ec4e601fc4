// /etc/os-release: shell-compatible KEY=value lines, values optionally quoted (see os-release(5)). Values are read
// the way `sh` would read them when sourcing the file, without expansions (the format forbids them).
// A line that is not an assignment is skipped rather than rejected, like systemd does: one odd line should not cost
// the agent its whole report.
export interface OsRelease {
  osId?: string;
  osVersion?: string;
  osCodename?: string;
  prettyName?: string;
}

const assignment = /^[ \t]*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/** The shell word `raw`, unquoted and unescaped; undefined when it is not one word (unterminated quote, trailing junk). */
function shellWord(raw: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      if (close === -1) return undefined;
      out += raw.slice(i + 1, close);
      i = close + 1;
    } else if (c === '"') {
      i++;
      for (;;) {
        if (i >= raw.length) return undefined;
        const d = raw[i]!;
        if (d === '"') break;
        // Inside double quotes a backslash escapes only these; before anything else it stays, as in sh.
        if (d === '\\' && i + 1 < raw.length && '"\\$`'.includes(raw[i + 1]!)) {
          out += raw[i + 1];
          i += 2;
        } else {
          out += d;
          i++;
        }
      }
      i++;
    } else if (c === '\\') {
      out += raw[i + 1] ?? '';
      i += 2;
    } else if (c === ' ' || c === '\t') {
      const rest = raw.slice(i).trim();
      return rest === '' || rest.startsWith('#') ? out : undefined;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

export function parseOsRelease(text: string): OsRelease {
  const vars = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = assignment.exec(line);
    if (!m) continue;
    const value = shellWord(m[2]!);
    if (value !== undefined) vars.set(m[1]!, value);
  }
  const pick = (...keys: string[]) => keys.map((k) => vars.get(k)).find((v) => v !== undefined && v !== '');
  return {
    osId: pick('ID'),
    osVersion: pick('VERSION_ID'),
    osCodename: pick('VERSION_CODENAME', 'UBUNTU_CODENAME'),
    prettyName: pick('PRETTY_NAME'),
  };
}
