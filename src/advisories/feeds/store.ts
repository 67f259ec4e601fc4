// All SQL of advisory feeds: the configured feeds, and what their last fetch said (validators for the next
// conditional request, when it ran, when one last succeeded, its error).
import type { Kysely, Selectable } from 'kysely';
import { type Db, tables } from '../../core/db/database.js';
import type { AdvisoryFeedsTable, AdvisoryTables } from '../schema.js';
import type { Validators } from './read.js';

export type FeedRow = Selectable<AdvisoryFeedsTable>;

export interface NewFeed {
  name: string;
  location: string;
  format: string;
  everyMs: number;
}

export class FeedStore {
  private readonly k: Kysely<AdvisoryTables>;

  constructor(db: Db) {
    this.k = tables<AdvisoryTables>(db);
  }

  list = (): Promise<FeedRow[]> => this.k.selectFrom('advisory_feeds').selectAll().orderBy('name').execute();

  byId = (id: number): Promise<FeedRow | undefined> => this.k.selectFrom('advisory_feeds').selectAll().where('id', '=', id).executeTakeFirst();

  byName = (name: string): Promise<FeedRow | undefined> => this.k.selectFrom('advisory_feeds').selectAll().where('name', '=', name).executeTakeFirst();

  add = (f: NewFeed): Promise<FeedRow> =>
    this.k.insertInto('advisory_feeds').values({ name: f.name, location: f.location, format: f.format, every_ms: f.everyMs }).returningAll().executeTakeFirstOrThrow();

  async remove(id: number): Promise<boolean> {
    return Number((await this.k.deleteFrom('advisory_feeds').where('id', '=', id).executeTakeFirst()).numDeletedRows) === 1;
  }

  /** Written when a fetch starts, so that the feed is no longer due for any replica while it runs. */
  async attempted(id: number, at: string): Promise<void> {
    await this.k.updateTable('advisory_feeds').set({ last_attempt_at: at }).where('id', '=', id).execute();
  }

  /** The feed answered that nothing changed since the last import: what was imported still holds. */
  async unchanged(id: number): Promise<void> {
    await this.k.updateTable('advisory_feeds').set({ last_error: null }).where('id', '=', id).execute();
  }

  async succeeded(id: number, validators: Validators, at: string, advisoryCount: number): Promise<void> {
    await this.k
      .updateTable('advisory_feeds')
      .set({ etag: validators.etag, last_modified: validators.lastModified, last_success_at: at, last_error: null, advisory_count: advisoryCount })
      .where('id', '=', id)
      .execute();
  }

  /** The validators stay those of the last import: the next fetch asks whether the feed changed since then. */
  async failed(id: number, error: string): Promise<void> {
    await this.k.updateTable('advisory_feeds').set({ last_error: error }).where('id', '=', id).execute();
  }
}
