export { parseDsaList } from './dsa-list.js';
export { parseTrackerJson } from './tracker-json.js';
export { parseUsnJson } from './usn-json.js';
export { parseOsv, parseOsvFiles, type OsvFile } from './osv.js';
export { detectFormat, feedFormats, type FeedFormat, type FeedFormatEntry } from './feed-formats.js';
