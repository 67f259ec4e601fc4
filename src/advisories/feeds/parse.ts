// From what was read to advisories: one document in the format given or found from its content, or a folder of OSV
// records. All or nothing: the first bad line or record refuses the whole feed with a FeedFormatError naming it.
import { FeedFormatError, type ParsedFeed } from '../model.js';
import { detectFormat, feedFormats, parseOsvFiles, type FeedFormat } from '../importers/index.js';
import type { FeedDocument } from './read.js';

/** A format, or `auto`: found from the content each time the feed is read. */
export type FeedFormatChoice = FeedFormat | 'auto';

export const feedFormatChoices = [...(Object.keys(feedFormats) as FeedFormat[]), 'auto'] as const satisfies readonly FeedFormatChoice[];

export const isFeedFormatChoice = (text: string): text is FeedFormatChoice => (feedFormatChoices as readonly string[]).includes(text);

export function parseFeedDocuments(read: { documents: FeedDocument[]; folder: boolean }, format: FeedFormatChoice): { format: FeedFormat; feed: ParsedFeed } {
  if (read.folder) {
    if (format !== 'auto' && format !== 'osv') throw new FeedFormatError(`a folder is read as OSV records (one per .json file), not as ${format}`, 'format');
    return { format: 'osv', feed: parseOsvFiles(read.documents) };
  }
  const [document] = read.documents;
  const text = document?.text ?? '';
  const found = format === 'auto' ? detectFormat(text, 'content') : format;
  return { format: found, feed: feedFormats[found].parse(text) };
}
