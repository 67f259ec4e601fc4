/** "Debian 12 (bookworm)", or as much of it as the host told us. */
export function osName(os: { osId: string | null; osVersion: string | null; osCodename: string | null }): string {
  const distribution = os.osId ? os.osId.charAt(0).toUpperCase() + os.osId.slice(1) : '';
  const name = [distribution, os.osVersion].filter(Boolean).join(' ');
  if (!os.osCodename) return name || 'unknown';
  return name ? `${name} (${os.osCodename})` : os.osCodename;
}
