// Schemas shared by many routes: paging, ids, the error envelope.
import { Type } from 'typebox';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

export const page = (q: { limit?: number; offset?: number }) => ({ limit: q.limit ?? 50, offset: q.offset ?? 0 });

export const ErrorEnvelope = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});
