// Puppet certnames. A host's certname is its inventory name in lower case; a certname that a caller sends (the ENC's
// argument, a route's path) is checked before anything is looked up, because it also names a file
// (nodes/<certname>.yaml): only lower-case letters, digits, dots, dashes and underscores, starting and ending with a
// letter or digit, no "..", at most 253 characters. That is the DNS names Puppet uses by default, plus underscores;
// Puppet itself would allow more (any printable ASCII but "/"), Steward does not.
import { unprocessable } from '../../core/errors.js';

export const maxCertnameLength = 253;
const certnamePattern = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

/** Why `text` is not a certname Steward accepts, or null when it is one. */
export function certnameProblem(text: string): string | null {
  if (text === '') return 'a certname may not be empty';
  if (text.includes('/') || text.includes('\\') || text.includes('..')) return 'a certname may not contain "/", "\\" or ".." (it names a file)';
  if (text.length > maxCertnameLength) return `a certname has at most ${maxCertnameLength} characters, this one has ${text.length}`;
  if (/[A-Z]/.test(text) && certnamePattern.test(text.toLowerCase())) return `certnames are lower case (${JSON.stringify(text.toLowerCase())})`;
  if (!certnamePattern.test(text)) return 'expected lower-case letters, digits, dots, dashes and underscores, starting and ending with a letter or digit';
  return null;
}

/** The certname, checked; a 422 naming it and what was expected otherwise. */
export function validateCertname(text: string): string {
  const problem = certnameProblem(text);
  if (problem) throw unprocessable(`certname ${JSON.stringify(text)}: ${problem}`, { field: 'certname', certname: text });
  return text;
}

/**
 * The certname of a host with this inventory name, or null when its name in lower case is not a valid certname. Only
 * ASCII names have one: lower-casing a few other letters gives ASCII ones (the Kelvin sign gives k), which the
 * database's lower() would not find again.
 */
export function certnameOf(hostName: string): string | null {
  if (!/^[\x20-\x7e]*$/.test(hostName)) return null;
  const certname = hostName.toLowerCase();
  return certnameProblem(certname) === null ? certname : null;
}
