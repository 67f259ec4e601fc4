// One error type for everything a caller did wrong; the HTTP layer turns it into the standard envelope,
// the CLI into one line on stderr and a non-zero exit code.

export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable';

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusOf[code];
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const unprocessable = (message: string, details?: unknown): AppError =>
  new AppError('unprocessable', message, details);
