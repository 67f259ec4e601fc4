import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../test/helpers/databases.js';
import { createLogger } from '../core/logger.js';
import { EventBus } from '../core/events.js';
import { unscoped } from '../core/auth/permissions.js';
import { createInventory, type InventoryService } from './index.js';
import { importHosts } from './host-import.js';

describeEachDialect('host list import', (dialect) => {
  let t: TestDatabase;
  let inventory: InventoryService;
  const hosts = async () => (await inventory.listHosts(unscoped, {}, 'name', 'asc', { limit: 100, offset: 0 })).items.map((h) => [h.name, h.customer?.name, h.tags]);

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    inventory = createInventory(t.db, new EventBus(createLogger('silent')));
    await inventory.addCustomer('Acme', null, ['acme-legacy']);
    await inventory.addCustomer('Beta', null);
  });
  afterEach(async () => t.cleanup());

  it('creates hosts with customers (by name or alias) and tags, and updates them on a second import', async () => {
    expect(await importHosts(inventory.store, 'name,customer,tags\nweb1,Acme,web|prod\ndb1,acme-legacy,db\nmail,Beta,\n')).toEqual({ created: 3, updated: 0 });
    expect(await hosts()).toEqual([
      ['db1', 'Acme', ['db']],
      ['mail', 'Beta', []],
      ['web1', 'Acme', ['prod', 'web']],
    ]);
    expect(await importHosts(inventory.store, 'customer,name,tags\nBeta,web1,edge\n')).toEqual({ created: 0, updated: 1 });
    expect((await hosts()).find((h) => h[0] === 'web1')).toEqual(['web1', 'Beta', ['edge']]);
  });

  it.each([
    ['an unknown customer', 'name,customer,tags\nweb1,Acme,\nweb2,Nobody,\n', /line 3: unknown customer "Nobody"/],
    ['a bad host name', 'name,customer\nweb1,Acme\nbad name,Acme\n', /line 3: host name "bad name"/],
    ['a host listed twice', 'name,customer\nweb1,Acme\nweb1,Beta\n', /line 3: host web1 is already listed on line 2/],
    ['a missing column', 'name,tags\nweb1,x\n', /header must name the columns/],
    ['an unknown column', 'name,customer,owner\nweb1,Acme,me\n', /header must name the columns/],
    ['a ragged row', 'name,customer\nweb1,Acme,extra\n', /not valid CSV/],
    ['an empty file', '', /empty/],
  ])('rejects %s and writes nothing', async (_what, csv, message) => {
    await importHosts(inventory.store, 'name,customer\nkeep,Acme\n');
    const before = await hosts();
    await expect(importHosts(inventory.store, csv)).rejects.toThrow(message);
    expect(await hosts()).toEqual(before);
  });
});
