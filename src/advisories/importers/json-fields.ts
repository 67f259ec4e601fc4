// Reading the JSON feeds: a syntax error (most often a truncated download) and every field of the wrong type become a
// FeedFormatError naming the JSON path and what was expected there, so that a bad feed is refused as a whole.
import { FeedFormatError } from '../model.js';

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

interface Kinds {
  string: string;
  number: number;
  object: JsonObject;
  array: Json[];
}
type Kind = keyof Kinds;

const article: Record<Kind, string> = { string: 'a string', number: 'a number', object: 'an object', array: 'an array' };

export function parseJson(text: string, what: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw new FeedFormatError(`not valid JSON (${(e as Error).message}; truncated file?)`, what);
  }
}

/** `$.releases.jammy`, `$.releases["python2.7"]`, `$.affected[0]`: the path of a member, as a reader would write it. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKind<K extends Kind>(value: Json | undefined, kind: K): value is Kinds[K] {
  switch (kind) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === kind;
  }
}

function describe(value: Json | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value).slice(0, 40)}`;
}

/** The value itself, which must be of `kind`. */
export function expect<K extends Kind>(value: Json | undefined, kind: K, path: string): Kinds[K] {
  if (isKind(value, kind)) return value;
  throw new FeedFormatError(`expected ${article[kind]}, got ${describe(value)}`, path);
}

/** A member that must be present and of `kind`. */
export function field<K extends Kind>(obj: JsonObject, key: string, kind: K, path: string): Kinds[K] {
  return expect(obj[key], kind, at(path, key));
}

/** A member that may be missing; null counts as missing, as the feeds write null for "not given". */
export function optionalField<K extends Kind>(obj: JsonObject, key: string, kind: K, path: string): Kinds[K] | undefined {
  const value = obj[key];
  return value === undefined || value === null ? undefined : expect(value, kind, at(path, key));
}
