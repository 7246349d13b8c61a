/**
 * Until the directory's `intake providers import` is in this branch: one provider row written
 * straight into a site's vault, opened as its supervisor (password on standard input), before the
 * web host starts. Run as `node --import tsx tests/e2e/provider-row.ts DATA_DIR USER JSON`.
 */
import { readFileSync } from 'node:fs';
import { IntakeCore } from '../../src/main/app/intake-core';

const [dataDir, userName, json] = process.argv.slice(2);
if (!dataDir || !userName || !json) throw new Error('usage: provider-row.ts DATA_DIR USER JSON');
const password = readFileSync(0, 'utf8').split('\n')[0] ?? '';
const row = JSON.parse(json) as Record<string, string>;
const core = new IntakeCore({ dataDir });
await core.signIn(userName, password);
const columns = Object.keys(row);
core.vault.db
  .prepare(`INSERT INTO providers (${columns.join(', ')}, created_at) VALUES (${columns.map(() => '?').join(', ')}, ?)`)
  .run(...columns.map((column) => row[column] ?? ''), new Date().toISOString());
core.signOut();
core.close();
