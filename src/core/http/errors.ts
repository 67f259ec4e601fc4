// Turns every failure into `{ "error": { "code", "message", "details" } }` with the right status.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const byFastifyCode: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
};

export function toErrorBody(err: FastifyError | AppError | Error): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, details: err.details } } };
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    const details = fe.validation.map((v) => ({
      field: `${fe.validationContext ?? ''}${v.instancePath || ''}`.replace(/\//g, '.'),
      message: v.message ?? 'invalid',
    }));
    const message = details.map((d) => `${d.field}: ${d.message}`).join('; ');
    return { status: 400, body: { error: { code: 'bad_request', message, details } } };
  }
  const mapped = fe.code ? byFastifyCode[fe.code] : undefined;
  if (mapped) return { status: mapped.status, body: { error: { code: mapped.code, message: fe.message } } };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { error: { code: 'bad_request', message: fe.message } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error; see the server log' } } };
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorBody(err);
  if (status >= 500) request.log.error({ err }, 'request failed');
  void reply.status(status).send(body);
}

/** JSON.parse with an error that says where: "invalid JSON at line 3, column 7 (position 41): …". */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const m = /position (\d+)/.exec(message);
    const position = m ? Number(m[1]) : text.length;
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    throw new AppError('invalid_json', `invalid JSON at line ${line}, column ${column} (position ${position}): ${message}`, {
      position,
      line,
      column,
    });
  }
}
