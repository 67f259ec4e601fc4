// Advisory feeds over HTTP: the configured feeds with what their last fetch said (so the UI can show an error),
// adding and removing one, and fetching one now.
import { Type } from 'typebox';
import type { App } from '../../core/http/app.js';
import { IdParams } from '../../core/http/schemas.js';
import { AppError } from '../../core/errors.js';
import { feedFormatChoices } from './parse.js';
import { defaultEvery, type AdvisoryFeedService } from './service.js';

const tags = ['advisories'];

export function registerAdvisoryFeedRoutes(app: App, feeds: AdvisoryFeedService): void {
  app.get(
    '/api/v1/advisory-feeds',
    // Staff only: feed locations and errors say where and how this server reads its data.
    { config: { permission: 'advisory-feeds:manage' }, schema: { tags, description: 'The configured feeds, with the last attempt, the last success and the last error of each.' } },
    async () => ({ items: await feeds.list() }),
  );

  app.post(
    '/api/v1/advisory-feeds',
    {
      config: { permission: 'advisory-feeds:manage' },
      schema: {
        tags,
        description: `A feed to fetch on a schedule: \`location\` an http(s) URL or an absolute file or folder path on the server; \`format\` one of ${feedFormatChoices.join(', ')} (default auto: found from the content); \`every\` like 6h (default ${defaultEvery}, 1m to 24d).`,
        body: Type.Object({
          name: Type.String({ minLength: 1, maxLength: 100 }),
          location: Type.String({ minLength: 1, maxLength: 2000 }),
          format: Type.Optional(Type.Union(feedFormatChoices.map((f) => Type.Literal(f)))),
          every: Type.Optional(Type.String({ maxLength: 20 })),
        }),
      },
    },
    async (request, reply) => reply.status(201).send(await feeds.add(request.body, { anyPath: false })),
  );

  app.delete(
    '/api/v1/advisory-feeds/:id',
    { config: { permission: 'advisory-feeds:manage' }, schema: { tags, description: 'Stops fetching the feed; the advisories it imported stay.', params: IdParams } },
    async (request, reply) => {
      await feeds.remove(request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/advisory-feeds/:id/fetch',
    {
      config: { permission: 'advisory-feeds:manage' },
      schema: { tags, description: 'Fetches the feed now: the import summary, `not-modified`, or 422 with the error (also recorded on the feed).', params: IdParams },
    },
    async (request) => {
      const result = await feeds.fetchNow(request.params.id);
      if (result.outcome === 'failed') throw new AppError('unprocessable', `feed ${result.feed.name}: ${result.error}`, { feed: result.feed });
      return result;
    },
  );
}
