/**
 * A desk passes on other desks' operations only as they made them (issue 13; operation-chain.ts):
 * whoever holds one desk's key (a lost laptop, before its retirement is known) signs that desk's
 * bundles, but cannot put a change under another desk's name at a desk that lacks it.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle, sealBundle } from '../../../src/main/exchange/bundle-file';
import { decodePayload, encodePayload, type BundlePayload, type Operation } from '../../../src/main/exchange/operations';
import { listDesks, siteExchangeKey, siteId } from '../../../src/main/exchange/this-desk';
import { createPublicKey } from 'node:crypto';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, SUPERVISOR } from '../helpers/vault';
import { call, exchange, joinDeskThree, search, signedIn, twoDesks } from './two-desks';

/** Desk 1 registers two people (one with a sensitive field), desk 2 takes them; desk 3 joins, and desk 2's next bundle passes desk 1's changes on to it. */
async function desk2PassesOn() {
  const { oneDir, twoDir, folder } = await twoDesks();
  const clerk = await signedIn(oneDir, CLERK);
  const basma = await call(clerk, 'people.register', { fields: { chosenName: 'Basma Khalil', sexualOrientation: { kind: 'listed', value: 'lesbian' } }, consents: ['register', 'sogiesc'] });
  const chadi = await call(clerk, 'people.register', { fields: { chosenName: 'Chadi Nasser' }, consents: ['register'] });
  // A change of one field, beside the making of the record.
  await call(clerk, 'people.update', { id: basma.id, set: { sexualOrientation: { kind: 'listed', value: 'bisexual' } }, clear: [] });
  clerk.close();
  await exchange(oneDir, folder);
  await exchange(twoDir, folder);
  const threeDir = await joinDeskThree(oneDir);
  // Desk 2 hears of desk 3 from desk 1's next bundle.
  await exchange(oneDir, folder);
  await exchange(twoDir, folder);
  return { oneDir, twoDir, threeDir, basma, chadi };
}

/** Desk 2's bundle, written alone into a folder of its own, opened with the keys desk 2's laptop holds. */
async function desk2Bundle(twoDir: string) {
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
  return { relay, payload, forge, privateKey, site };
}

const deskOneRun = (payload: BundlePayload): Operation[] => payload.relayed?.get(1) ?? [];

describe('operations sent on are as their desk signed them', () => {
  it("desk 3 takes desk 1's changes from desk 2, and nothing desk 2's key altered or added", { timeout: 300_000 }, async () => {
    const { threeDir, twoDir, basma, chadi } = await desk2PassesOn();
    const { relay, payload, forge, privateKey, site } = await desk2Bundle(twoDir);
    const run = deskOneRun(payload);
    expect(run.length).toBeGreaterThan(0);
    const refusedForOrigin = { applied: 0, refused: 1, refusals: [{ code: 'bundle_sent_on_unsigned', params: { desk: 2, origin: 1 } }] };

    // A name changed in desk 1's making of Basma's record.
    forge((p) => {
      const making = deskOneRun(p).find((op) => op.entity === 'person' && op.field === '' && op.value?.includes('Basma'));
      if (making) making.value = making.value?.replace('Basma Khalil', 'Planted Name') ?? null;
      return p;
    });
    expect(await exchange(threeDir, relay)).toMatchObject(refusedForOrigin);

    // A change desk 1 never made, added after its last.
    forge((p) => {
      const ops = deskOneRun(p);
      const last = ops[ops.length - 1] as Operation;
      ops.push({ ...last, seq: last.seq + 1, field: 'tier0.chosenName', entity: 'person', row: last.row, value: '"Planted Name"', version: 9, seal: '{"s":"00000000000000000000000000000000"}' });
      return p;
    });
    expect(await exchange(threeDir, relay)).toMatchObject(refusedForOrigin);

    // Desk 1's head signed anew with desk 2's key, over a run it changed.
    forge((p) => {
      const carried = p.chains.get(1);
      if (carried) carried.head.signature = sign(null, Buffer.from(`intake-operations-head/1\n${site}\n1\n${carried.head.from}\n${carried.head.seq}\n${carried.head.hash}`), privateKey).toString('base64');
      return p;
    });
    expect(await exchange(threeDir, relay)).toMatchObject(refusedForOrigin);

    // No head at all for desk 1's run.
    forge((p) => {
      p.chains.delete(1);
      return p;
    });
    expect(await exchange(threeDir, relay)).toMatchObject(refusedForOrigin);
    expect(await search(threeDir, 'Planted')).toEqual([]);
    expect(await search(threeDir, 'Basma')).toEqual([]);

    // The bundle as desk 2 wrote it: taken, with desk 1's changes in it.
    forge((p) => p);
    expect(await exchange(threeDir, relay)).toMatchObject({ refused: 0 });
    expect(await search(threeDir, 'Basma')).toEqual([basma.registrationNumber]);
    expect(await search(threeDir, 'Chadi')).toEqual([chadi.registrationNumber]);
  });

  it('an erasure at the desk passing them on leaves the chain whole: the erased value is gone, the rest is taken', { timeout: 300_000 }, async () => {
    const { oneDir, twoDir, threeDir, basma } = await desk2PassesOn();
    // Basma withdraws the consent for her orientation at desk 2: erased from desk 2's copy of desk 1's operations.
    const clerk = await signedIn(twoDir, CLERK);
    const id = (await call(clerk, 'people.search', { query: 'Basma' }))[0]?.id ?? 0;
    await call(clerk, 'people.setConsent', { id, purpose: 'sogiesc', given: false });
    clerk.close();
    const { relay, payload } = await desk2Bundle(twoDir);
    const run = JSON.stringify(deskOneRun(payload));
    expect(run).toContain('Basma');
    expect(run).not.toMatch(/lesbian|bisexual/);
    const result = await exchange(threeDir, relay);
    expect(result).toMatchObject({ refused: 0 });
    expect(await search(threeDir, 'Basma')).toEqual([basma.registrationNumber]);
    const core = await signedIn(threeDir, SUPERVISOR);
    try {
      expect(JSON.stringify(core.vault.db.prepare('SELECT value, seal FROM received_operations').all())).not.toMatch(/lesbian|bisexual/);
    } finally {
      core.close();
    }
    // And desk 3 passes them on in turn to desk 1, which held them before the erasure, without a refusal.
    const onward = tempDataDir('onward-folder');
    await exchange(threeDir, onward);
    expect(await exchange(oneDir, onward)).toMatchObject({ refused: 0 });
  });
});
