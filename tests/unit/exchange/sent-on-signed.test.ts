/**
 * A desk passes on other desks' operations only as they made them (issue 13; operation-chain.ts):
 * whoever holds one desk's key (a lost laptop, before its retirement is known) signs that desk's
 * bundles, but cannot put a change under another desk's name at a desk that lacks it.
 */
import { describe, expect, it } from 'vitest';
import { CHAIN_GENESIS, chainNext, signHead } from '../../../src/main/exchange/operation-chain';
import { eraseValues } from '../../../src/main/exchange/operation-seals';
import { decodePayload, encodePayload, type BundlePayload, type Operation } from '../../../src/main/exchange/operations';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, PROTECTION, SUPERVISOR } from '../helpers/vault';
import { desk2Bundle } from './forged-bundles';
import { call, exchange, joinDeskThree, register, search, signedIn, twoDesks, retireDeskTwoAndJoinThree } from './two-desks';

/** Desk 1 registers two people (one with a sensitive field), desk 2 takes them; desk 3 joins, and desk 2's next bundle passes desk 1's changes on to it. */
async function desk2PassesOn() {
  const { oneDir, twoDir, folder } = await twoDesks();
  const clerk = await signedIn(oneDir, CLERK);
  const basma = await call(clerk, 'people.register', { fields: { chosenName: 'Basma Khalil', sexualOrientation: { kind: 'listed', value: 'lesbian' } }, consents: ['register', 'sogiesc'] });
  const chadi = await call(clerk, 'people.register', { fields: { chosenName: 'Chadi Nasser' }, consents: ['register'] });
  clerk.close();
  // A change of one field, beside the making of the record, by the role that changes tier 2.
  const supervisor = await signedIn(oneDir, SUPERVISOR);
  await call(supervisor, 'accounts.create', { changePasswordAtSignIn: false, ...PROTECTION, role: 'protection', language: 'en' });
  supervisor.close();
  const protection = await signedIn(oneDir, PROTECTION);
  await call(protection, 'people.update', { id: basma.id, set: { sexualOrientation: { kind: 'listed', value: 'bisexual' } }, clear: [] });
  protection.close();
  await exchange(oneDir, folder);
  await exchange(twoDir, folder);
  const threeDir = await joinDeskThree(oneDir);
  // Desk 2 hears of desk 3 from desk 1's next bundle.
  await exchange(oneDir, folder);
  await exchange(twoDir, folder);
  return { oneDir, twoDir, threeDir, basma, chadi };
}

const deskOneRun = (payload: BundlePayload): Operation[] => payload.relayed?.get(1) ?? [];

describe('operations sent on are as their desk signed them', () => {
  it("desk 3 takes desk 1's changes from desk 2, and nothing desk 2's key altered or added", { timeout: 300_000 }, async () => {
    const { threeDir, twoDir, basma, chadi } = await desk2PassesOn();
    const { relay, payload, forge, privateKey, site } = await desk2Bundle(twoDir);
    const run = deskOneRun(payload);
    expect(run.length).toBeGreaterThan(0);
    const refusedForOrigin = { applied: 0, refused: 1, refusals: [{ code: 'bundle_sent_on_unsigned', params: { desk: 2, origin: 1 } }] };

    // A name changed in desk 1's making of Basma's record; and, beside it, desk 2 "holds a million"
    // of desk 3's changes, which would move desk 3's numbering on if anything of the bundle were taken.
    forge((p) => {
      const making = deskOneRun(p).find((op) => op.entity === 'person' && op.field === '' && op.value?.includes('Basma'));
      if (making) making.value = making.value?.replace('Basma Khalil', 'Planted Name') ?? null;
      p.applied.set(3, 1_000_000);
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
      const carried = p.chains?.get(1);
      if (carried) carried.head = signHead(site, 1, { seq: carried.head.seq, hash: carried.head.hash }, privateKey);
      return p;
    });
    expect(await exchange(threeDir, relay)).toMatchObject(refusedForOrigin);

    // No head at all for desk 1's run.
    forge((p) => {
      p.chains?.delete(1);
      return p;
    });
    expect(await exchange(threeDir, relay)).toMatchObject(refusedForOrigin);
    expect(await search(threeDir, 'Planted')).toEqual([]);
    expect(await search(threeDir, 'Basma')).toEqual([]);
    expect(await search(threeDir, 'Chadi')).toEqual([]);

    // A name taken out of desk 1's making of Chadi's record, its digest kept, as an erasure would:
    // no erasure ever takes out a name (only what a withdrawn consent covers).
    forge((p) => {
      const making = deskOneRun(p).find((op) => op.entity === 'person' && op.field === '' && op.value?.includes('Chadi'));
      if (making) Object.assign(making, eraseValues({ ...making }, ['tier0.chosenName']));
      return p;
    });
    expect(await exchange(threeDir, relay)).toMatchObject(refusedForOrigin);

    // Without any heads at all (as a version before chains wrote): what it sends on is not taken.
    forge((p) => {
      delete p.chains;
      const making = deskOneRun(p).find((op) => op.entity === 'person' && op.field === '' && op.value?.includes('Basma'));
      if (making) making.value = making.value?.replace('Basma Khalil', 'Planted Name') ?? null;
      return p;
    });
    // Desk 2's own changes are taken (its signature is on them); desk 1's, sent on, are not.
    expect(await exchange(threeDir, relay)).toMatchObject({ refused: 0 });
    expect(await search(threeDir, 'Planted')).toEqual([]);
    expect(await search(threeDir, 'Basma')).toEqual([]);

    // The bundle as desk 2 wrote it: taken, with desk 1's changes in it.
    forge((p) => p);
    expect(await exchange(threeDir, relay)).toMatchObject({ refused: 0 });
    expect(await search(threeDir, 'Basma')).toEqual([basma.registrationNumber]);
    expect(await search(threeDir, 'Chadi')).toEqual([chadi.registrationNumber]);
    // The same bundle, read again, saying desk 2 holds a million of desk 3's changes: a desk in
    // service takes that only as far as the bundle shows desk 3's own head, so its numbering stays.
    forge((p) => {
      p.applied.set(3, 1_000_000);
      return p;
    });
    expect(await exchange(threeDir, relay)).toMatchObject({ refused: 0 });
    expect((await register(threeDir, 'Dalia Saad')).registrationNumber).toBe('ATH-3-000001');
  });

  it("a head desk 2's key makes for itself, not matching its changes, is not kept: desk 1's bundles are not refused later", { timeout: 300_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await register(twoDir, 'Dana Haddad');
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const { relay, forge, privateKey, site, header } = await desk2Bundle(twoDir);
    forge((p) => {
      p.chains?.set(2, { head: signHead(site, 2, { seq: header.lastSeq, hash: 'ab'.repeat(32) }, privateKey), prev: CHAIN_GENESIS });
      return p;
    });
    expect(await exchange(oneDir, relay)).toMatchObject({ refused: 0 });
    const threeDir = await retireDeskTwoAndJoinThree(oneDir);
    for (let round = 0; round < 2; round += 1) {
      await exchange(oneDir, folder);
      expect(await exchange(threeDir, folder)).toMatchObject({ refused: 0 });
    }
    expect(await search(threeDir, 'Dana')).toHaveLength(1);
  });

  it("desk 2's own changes chained from a made-up hash are refused, so no desk passing them on is blamed later", { timeout: 300_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await register(twoDir, 'Dana Haddad');
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    await register(twoDir, 'Eli Haddad');
    const { relay, payload, forge, privateKey, site } = await desk2Bundle(twoDir);
    expect(payload.operations[0]?.seq).toBeGreaterThan(1);
    forge((p) => {
      const made = 'cd'.repeat(32);
      let hash = made;
      for (const op of p.operations) hash = chainNext(hash, op) ?? hash;
      p.chains?.set(2, { head: signHead(site, 2, { seq: p.operations[p.operations.length - 1]?.seq ?? 0, hash }, privateKey), prev: made });
      return p;
    });
    expect(await exchange(oneDir, relay)).toMatchObject({ refused: 1, refusals: [{ code: 'bundle_damaged' }] });
    // As written, it is taken; a desk that joins later takes desk 2's changes from desk 1.
    forge((p) => p);
    expect(await exchange(oneDir, relay)).toMatchObject({ refused: 0 });
    const threeDir = await joinDeskThree(oneDir);
    await exchange(oneDir, folder);
    expect(await exchange(threeDir, folder)).toMatchObject({ refused: 0 });
    expect(await search(threeDir, 'Eli')).toHaveLength(1);
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

  it('reads a bundle of the version before seals and chains: operations without a seal, no heads', () => {
    const op = { desk: 2, seq: 1, hlc: '000000000000001-00000', account: null, entity: 'person', row: 'ab'.repeat(16), field: '', version: 1, value: '{"tier0":{"chosenName":"Dana"}}', seal: null };
    const body = JSON.parse(gunzipSync(encodePayload({ desk: 2, operations: [op], applied: new Map([[2, 1]]), audit: [], auditApplied: new Map() })).toString('utf8')) as {
      operations: unknown[][];
    };
    body.operations = body.operations.map((tuple) => tuple.slice(0, 8));
    const decoded = decodePayload(gzipSync(Buffer.from(JSON.stringify(body), 'utf8')));
    expect(decoded).toMatchObject({ desk: 2, operations: [{ seq: 1, seal: null }] });
    expect(decoded && 'chains' in decoded ? decoded.chains : undefined).toBeUndefined();
  });
});
