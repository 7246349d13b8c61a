/** Desk 2's own bundle, opened and signed again as whoever holds desk 2's laptop would (issue 13's attack tests). */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBundle, sealBundle } from '../../../src/main/exchange/bundle-file';
import { decodePayload, encodePayload, type BundlePayload } from '../../../src/main/exchange/operations';
import { listDesks, siteExchangeKey, siteId } from '../../../src/main/exchange/this-desk';
import { tempDataDir } from '../helpers/temp-dir';
import { SUPERVISOR } from '../helpers/vault';
import { exchange, signedIn } from './two-desks';

/** Desk 2's bundle, written alone into a folder of its own, opened with the keys desk 2's laptop holds. */
export async function desk2Bundle(twoDir: string) {
  const relay = tempDataDir('relay-folder');
  const written = (await exchange(twoDir, relay)).bundleWritten ?? '';
  const core = await signedIn(twoDir, SUPERVISOR);
  const db = core.vault.db;
  const privateKey = createPrivateKey({ key: Buffer.from(db.prepare('SELECT private_key FROM this_desk').pluck(true).get() as string, 'base64'), format: 'der', type: 'pkcs8' });
  const desks = listDesks(db);
  const site = siteId(db);
  const exchangeKey = siteExchangeKey(db);
  core.close();
  const deskOf = (id: string) => {
    const desk = desks.find((d) => d.id === id);
    return desk && { publicKey: createPublicKey({ key: Buffer.from(desk.publicKey, 'base64'), format: 'der', type: 'spki' }), retired: false, acceptsUpTo: 0 };
  };
  const opened = openBundle(readFileSync(join(relay, written)), { siteId: site, exchangeKey, deskOf });
  const payload = decodePayload(opened.payload) as BundlePayload;
  /** Puts the bundle back, changed, signed with desk 2's key as its thief would. */
  const forge = (change: (payload: BundlePayload) => BundlePayload) => {
    for (const name of readdirSync(relay)) rmSync(join(relay, name));
    writeFileSync(join(relay, written), sealBundle(opened.header, encodePayload(change(structuredClone(payload))), { exchangeKey, privateKey }));
  };
  return { relay, payload, forge, privateKey, site, header: opened.header };
}


/**
 * A desk's data as migration 23 leaves a desk that already held operations, made of a desk of this
 * version: the operations it holds have no seal (they were made before seals), and no chain hash or
 * head is known yet. Run at every desk that holds them, as every desk of a site upgrades together.
 */
export async function asIfUpgradedNow(dataDir: string): Promise<void> {
  const core = await signedIn(dataDir, SUPERVISOR);
  try {
    const db = core.vault.db;
    db.prepare('UPDATE this_desk SET chained_to = 0').run();
    db.prepare('UPDATE own_operations SET chain = NULL, seal = NULL').run();
    db.prepare('UPDATE received_operations SET chain = NULL, seal = NULL').run();
    db.prepare('DELETE FROM exchange_chain_heads').run();
  } finally {
    core.close();
  }
}
