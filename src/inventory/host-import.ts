// Import of a host list (CSV with a header: name, customer, tags). All or nothing: every row is checked first,
// every problem is reported with its line, and only a clean file is written, in one transaction.
import { parse } from 'csv-parse/sync';
import { AppError } from '../core/errors.js';
import { nowIso } from '../core/db/columns.js';
import type { InventoryStore } from './store.js';

const columns = ['name', 'customer', 'tags'] as const;
const hostNamePattern = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$/;
const tagPattern = /^[^\s|;,]{1,100}$/;

export interface ImportResult {
  created: number;
  updated: number;
}

interface Row {
  line: number;
  name: string;
  customer: string;
  tags: string[];
}

export async function importHosts(store: InventoryStore, csvText: string): Promise<ImportResult> {
  const rows = readRows(csvText);
  const problems: string[] = [];
  const customers = new Map<string, number>();
  for (const row of rows) {
    const key = row.customer.toLowerCase();
    if (customers.has(key)) continue;
    const customer = await store.findCustomerByNameOrAlias(row.customer);
    if (customer) customers.set(key, customer.id);
    else problems.push(`line ${row.line}: unknown customer "${row.customer}" (add it first: steward customer add)`);
  }
  const seen = new Map<string, number>();
  for (const row of rows) {
    const earlier = seen.get(row.name);
    if (earlier) problems.push(`line ${row.line}: host ${row.name} is already listed on line ${earlier}`);
    seen.set(row.name, row.line);
  }
  rejectIfAny(problems);

  return store.transaction(async (tx) => {
    const result: ImportResult = { created: 0, updated: 0 };
    const at = nowIso();
    for (const row of rows) {
      const customerId = customers.get(row.customer.toLowerCase())!;
      const existing = await tx.findHostForIdentity(row.name, undefined);
      let hostId: number;
      if (existing) {
        hostId = existing.id;
        await tx.updateHost(hostId, { customer_id: customerId });
        result.updated++;
      } else {
        hostId = (await tx.insertHost({ host_key: `name:${row.name}`, name: row.name, customer_id: customerId, first_seen: at })).id;
        result.created++;
      }
      await tx.setHostTags(hostId, await tx.ensureTags(customerId, row.tags));
    }
    await tx.labelsChanged();
    return result;
  });
}

function readRows(csvText: string): Row[] {
  let records: string[][];
  try {
    records = parse(csvText, { skip_empty_lines: true, trim: true, relax_column_count: false, bom: true }) as string[][];
  } catch (err) {
    throw new AppError('unprocessable', `host list is not valid CSV: ${(err as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new AppError('unprocessable', 'host list is empty: expected a header line "name,customer,tags"');
  const index = header.map((h) => h.toLowerCase());
  const unknown = index.filter((h) => !(columns as readonly string[]).includes(h));
  if (unknown.length > 0 || !index.includes('name') || !index.includes('customer')) {
    throw new AppError('unprocessable', `host list header must name the columns name, customer and optionally tags; got "${header.join(',')}"`);
  }
  const problems: string[] = [];
  const rows = body.map((record, i): Row => {
    const line = i + 2;
    const get = (c: string) => record[index.indexOf(c)] ?? '';
    const name = get('name');
    const customer = get('customer');
    const tags = [...new Set(get('tags').split(/[|;]/).map((t) => t.trim()).filter(Boolean))];
    if (!hostNamePattern.test(name)) problems.push(`line ${line}: host name "${name}" is not a valid host name`);
    if (!customer) problems.push(`line ${line}: customer is empty`);
    for (const t of tags) if (!tagPattern.test(t)) problems.push(`line ${line}: tag "${t}" must be 1–100 characters without spaces`);
    return { line, name, customer, tags };
  });
  rejectIfAny(problems);
  return rows;
}

function rejectIfAny(problems: string[]): void {
  if (problems.length === 0) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new AppError('unprocessable', `host list not imported: ${problems[0]}${more}`, { problems });
}
