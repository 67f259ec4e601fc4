// The `steward` command: one entry point, one file per command group.
import { Command } from 'commander';
import { version } from '../core/paths.js';
import { reportError } from './context.js';
import { registerServe } from './serve.js';
import { registerUsers } from './users.js';
import { registerInventory } from './inventory.js';
import { registerVersions } from './versions.js';
import { registerAdvisories } from './advisories.js';
import { registerScan } from './scan.js';
import { registerExport } from './export.js';
import { registerPolicies } from './policies.js';

const program = new Command('steward')
  .description('Steward keeps a fleet of Debian and Ubuntu hosts known, patched and changed on purpose.')
  .version(version)
  .option('--config <file>', 'configuration file (default ./steward.yaml when present, or STEWARD_CONFIG)')
  .option('--data <dir>', 'data directory (default ./data, or STEWARD_DATA_DIR)')
  .option('--database <url>', 'postgres://… or a SQLite file (default <data>/steward.db, or STEWARD_DATABASE_URL)')
  .option('--log-level <level>', 'trace, debug, info, warn, error (or STEWARD_LOG_LEVEL)');

registerServe(program);
registerUsers(program);
registerInventory(program);
registerVersions(program);
registerAdvisories(program);
registerScan(program);
registerExport(program);
registerPolicies(program);

program.parseAsync(process.argv).catch(reportError);
