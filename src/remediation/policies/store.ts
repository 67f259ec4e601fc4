// All SQL of patching policies: the policies, and their assignments to customers and customers' tags.
import type { Insertable, Kysely, Selectable } from 'kysely';
import { type Db, tables } from '../../core/db/database.js';
import { inIds } from '../../core/db/bulk.js';
import { bumpGeneration } from '../../core/db/generations.js';
import type { PatchingPoliciesTable, PolicyAssignmentsTable, PolicyTables } from './schema.js';

export type PolicyRow = Selectable<PatchingPoliciesTable>;
export type AssignmentRow = Selectable<PolicyAssignmentsTable>;
export type PolicyValues = Omit<Insertable<PatchingPoliciesTable>, 'id' | 'created_at'>;

export class PolicyStore {
  private readonly k: Kysely<PolicyTables>;

  constructor(private readonly db: Db) {
    this.k = tables<PolicyTables>(db);
  }

  /** Every policy, or those assigned to this customer, by name. */
  listPolicies(customerId: number | null): Promise<PolicyRow[]> {
    let q = this.k.selectFrom('patching_policies').selectAll().orderBy('name');
    if (customerId !== null) {
      q = q.where((e) => e.exists(e.selectFrom('policy_assignments').select('id').whereRef('policy_assignments.policy_id', '=', 'patching_policies.id').where('policy_assignments.customer_id', '=', customerId)));
    }
    return q.execute();
  }

  policyById = (id: number): Promise<PolicyRow | undefined> => this.k.selectFrom('patching_policies').selectAll().where('id', '=', id).executeTakeFirst();

  policyByName = (name: string): Promise<PolicyRow | undefined> => this.k.selectFrom('patching_policies').selectAll().where('name', '=', name).executeTakeFirst();

  async insertPolicy(values: PolicyValues, at: string): Promise<PolicyRow> {
    const row = await this.k.insertInto('patching_policies').values({ ...values, created_at: at }).returningAll().executeTakeFirstOrThrow();
    await this.changed();
    return row;
  }

  /** Says the reports' data changed (see core/db/generations.ts): after every write of policies or assignments. */
  private changed = () => bumpGeneration(this.k, 'policies');

  async updatePolicy(id: number, values: PolicyValues): Promise<void> {
    await this.k.updateTable('patching_policies').set(values).where('id', '=', id).execute();
    await this.changed();
  }

  async deletePolicy(id: number): Promise<void> {
    await this.k.deleteFrom('patching_policies').where('id', '=', id).execute();
    await this.changed();
  }

  /** Assignments of these policies, by customer id then tag (customer-wide first). */
  assignmentsOf(policyIds: number[]): Promise<AssignmentRow[]> {
    if (policyIds.length === 0) return Promise.resolve([]);
    return this.k.selectFrom('policy_assignments').selectAll().where(inIds(this.db, 'policy_id', policyIds)).orderBy('customer_id').orderBy('tag').execute();
  }

  /** Assignments to these customers, with their policies: what resolving hosts' policies reads. */
  assignmentsTo(customerIds: number[]) {
    if (customerIds.length === 0) return Promise.resolve([]);
    return this.k
      .selectFrom('policy_assignments')
      .innerJoin('patching_policies', 'patching_policies.id', 'policy_assignments.policy_id')
      .selectAll('patching_policies')
      .select(['policy_assignments.customer_id as assignedCustomer', 'policy_assignments.tag as assignedTag'])
      .where(inIds(this.db, 'policy_assignments.customer_id', customerIds))
      .execute();
  }

  /** The assignment of this customer (tag null: customer-wide), whichever policy it names. */
  assignmentAt = (customerId: number, tag: string | null): Promise<AssignmentRow | undefined> =>
    this.k
      .selectFrom('policy_assignments')
      .selectAll()
      .where('customer_id', '=', customerId)
      .where('tag', tag === null ? 'is' : '=', tag)
      .executeTakeFirst();

  async insertAssignment(policyId: number, customerId: number, tag: string | null, at: string): Promise<void> {
    await this.k.insertInto('policy_assignments').values({ policy_id: policyId, customer_id: customerId, tag, created_at: at }).execute();
    await this.changed();
  }

  async deleteAssignment(id: number): Promise<void> {
    await this.k.deleteFrom('policy_assignments').where('id', '=', id).execute();
    await this.changed();
  }
}
