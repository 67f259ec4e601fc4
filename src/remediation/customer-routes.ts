// The customer's view over HTTP: one report of what is at risk, scheduled and done, as JSON or CSV (one line per
// advisory and host). Customer users may read their own customer's only; another's answers 404, like one that is not.
import { Type } from 'typebox';
import type { App } from '../core/http/app.js';
import { IdParams } from '../core/http/schemas.js';
import { sendCsv, toCsv } from '../core/http/csv.js';
import { type AnswerCache, firstAfter } from '../core/http/answer-cache.js';
import { requestScope } from '../core/auth/permissions.js';
import type { CustomerReports } from './customer-report.js';

export function registerCustomerReportRoutes(app: App, reports: CustomerReports, answers: AnswerCache): void {
  app.get(
    '/api/v1/customers/:id/report',
    {
      config: { permission: 'remediation:read' },
      schema: {
        tags: ['remediation'],
        description: "A customer's advisories with each host's state, its policies' next windows, and what was done; `format=csv`: one line per advisory and host.",
        params: IdParams,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])) }),
      },
    },
    async (request, reply) => {
      const s = requestScope(request);
      const { value: report, json } = await answers.get(`customer\u0000${request.params.id}\u0000${s.customerId}`, async () => {
        const built = await reports.report(s, request.params.id);
        const hosts = built.advisories.flatMap((a) => a.hosts);
        const windows = built.schedule.flatMap((p) => [p.nextPatchWindow?.end, p.nextRebootWindow?.end]);
        return { value: built, until: firstAfter(new Date(), [...hosts.flatMap((h) => [h.awaitingUntil, h.mark?.expiresAt]), ...windows]) };
      });
      if (request.query.format !== 'csv') return reply.type('application/json; charset=utf-8').send(json);
      const rows = report.advisories.flatMap((a) => a.hosts.map((h) => ({ a: a.advisory, h })));
      return sendCsv(
        reply,
        `customer-${request.params.id}-report.csv`,
        toCsv(
          [
            { header: 'advisory', value: (r) => r.a.id },
            { header: 'title', value: (r) => r.a.title },
            { header: 'severity', value: (r) => r.a.localRating?.rating ?? r.a.severity },
            { header: 'host', value: (r) => r.h.name },
            { header: 'status', value: (r) => r.h.status },
            { header: 'policy', value: (r) => r.h.policy?.name ?? '' },
            { header: 'awaiting_until', value: (r) => r.h.awaitingUntil ?? '' },
            { header: 'opened_at', value: (r) => r.h.openedAt },
            { header: 'closed_at', value: (r) => r.h.closedAt },
            { header: 'justification', value: (r) => r.h.mark?.justification ?? '' },
          ],
          rows,
        ),
      );
    },
  );
}
