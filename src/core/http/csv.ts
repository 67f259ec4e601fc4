// CSV answers (RFC 4180): every list a user may want in a spreadsheet offers `?format=csv`.
import type { FastifyReply } from 'fastify';

type Cell = string | number | boolean | null | undefined;

/** A cell as CSV: quoted when needed; a text that a spreadsheet would run as a formula gets a leading `'`. */
function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<R>(columns: { header: string; value: (row: R) => Cell }[], rows: R[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function sendCsv(reply: FastifyReply, filename: string, csv: string) {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
}
