/**
 * One side of the bundle-writing crash test: writes bundles of some megabytes into a folder, one
 * after another with a growing lastSeq, until it is killed with SIGKILL. Prints "writing N" before
 * each write. Keys come in the environment (test keys only, made by the test).
 *
 *   node --import tsx tests/unit/helpers/bundle-writer.ts FOLDER
 *   BUNDLE_SITE, BUNDLE_DESK, BUNDLE_EXCHANGE_KEY (hex), BUNDLE_PRIVATE_KEY (pkcs8 DER, base64), BUNDLE_MEGABYTES (payload size)
 */
import { createPrivateKey } from 'node:crypto';
import { writeSync } from 'node:fs';
import { writeBundle } from '../../../src/main/exchange/bundle-file';

const folder = process.argv[2] ?? '';
const env = (name: string): string => process.env[name] ?? '';
const keys = {
  exchangeKey: Buffer.from(env('BUNDLE_EXCHANGE_KEY'), 'hex'),
  privateKey: createPrivateKey({ key: Buffer.from(env('BUNDLE_PRIVATE_KEY'), 'base64'), format: 'der', type: 'pkcs8' }),
};
const payload = Buffer.alloc(Number(env('BUNDLE_MEGABYTES') || '4') * 1024 * 1024, 'operations ');
for (let seq = 1; ; seq++) {
  writeSync(1, `writing ${seq}\n`);
  writeBundle(folder, { site: env('BUNDLE_SITE'), desk: env('BUNDLE_DESK'), firstSeq: seq, lastSeq: seq, createdAt: new Date().toISOString() }, payload, keys);
}
