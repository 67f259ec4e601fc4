import type { ApiError } from '../core/api';

/**
 * Which form field an API error names, so the form can show the message beside it: the rules' errors carry
 * `details.field` ("patchWindow.at"), schema errors a list of `{field: "body.patchWindow.minutes", message}`.
 */
export function fieldErrors(error: ApiError | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!error) return out;
  const details = error.details;
  if (Array.isArray(details)) {
    for (const d of details as { field?: unknown; message?: unknown }[]) {
      if (typeof d?.field === 'string') out.set(d.field.replace(/^body\.?/, ''), `${d.field.replace(/^body\.?/, '')}: ${String(d.message ?? 'invalid')}`);
    }
  } else if (details && typeof details === 'object' && typeof (details as { field?: unknown }).field === 'string') {
    out.set((details as { field: string }).field, error.message);
  }
  return out;
}

/** The message for a field or any of its parts ("patchWindow" takes "patchWindow.at" too). */
export function errorFor(errors: Map<string, string>, field: string): string | undefined {
  for (const [name, message] of errors) if (name === field || name.startsWith(`${field}.`)) return message;
  return undefined;
}

/** Whether some field of the form shows the error; if not, the form shows it whole. */
export const shownAtAField = (errors: Map<string, string>, fields: readonly string[]): boolean => [...errors.keys()].some((name) => fields.some((f) => name === f || name.startsWith(`${f}.`)));
