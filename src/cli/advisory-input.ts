// Advisory feeds named on the command line (a file, an OSV folder or a URL): read with progress and parsed, all or
// nothing. What cannot be read or parsed becomes one error line that names the location and the line or record.
import { resolve } from 'node:path';
import { FeedFormatError, FeedReadError, feedFormatChoices, isFeedFormatChoice, isFeedUrl, normalizeRelease, parseFeedDocuments, readFeed, type FeedFormat, type FeedFormatChoice, type ParsedFeed } from '../advisories/index.js';
import type { Config } from '../core/config.js';
import { CliError } from './context.js';
import { formatBytes } from '../core/size-text.js';
import type { Progress } from './progress.js';

export function parseFormatOption(text: string | undefined): FeedFormatChoice {
  if (text === undefined) return 'auto';
  if (!isFeedFormatChoice(text)) throw new CliError(`--format: expected one of ${feedFormatChoices.join(', ')}, got ${JSON.stringify(text)}`);
  return text;
}

/** A release as codename or version (bookworm, 12, jammy, 22.04): its codename. */
export function parseReleaseOption(text: string): string {
  const codename = normalizeRelease(text);
  if (!codename) throw new CliError(`--release: unknown release ${JSON.stringify(text)}: expected a codename (bookworm, jammy) or a version (12, 22.04)`);
  return codename;
}

/** A path as the user typed it, made absolute (a server or a later run may have another working directory). */
export const feedLocation = (text: string): string => (isFeedUrl(text) ? text : resolve(text));

export async function readAdvisoryInput(
  text: string,
  format: FeedFormatChoice,
  config: Pick<Config, 'advisoryFeedTimeoutMs' | 'advisoryImportLimit'>,
  progress?: Progress,
): Promise<{ location: string; format: FeedFormat; feed: ParsedFeed }> {
  const location = feedLocation(text);
  try {
    progress?.step(`reading ${location}`);
    let bytes = 0;
    const read = await readFeed(location, {
      timeoutMs: config.advisoryFeedTimeoutMs,
      maxBytes: config.advisoryImportLimit,
      onProgress: (done, total) => {
        bytes = done;
        progress?.advance(done, total);
      },
    });
    progress?.step(`parsing ${formatBytes(bytes)}${format === 'auto' ? '' : ` as ${format}`}`);
    return { location, ...parseFeedDocuments(read, format) };
  } catch (err) {
    progress?.finish();
    if (err instanceof FeedReadError || err instanceof FeedFormatError) throw new CliError(`${location}: ${err.message}`);
    throw err;
  }
}
