/**
 * Issue 13, the attacks on the exchange: a bundle with one byte changed, a bundle from another
 * site, a bundle of a retired desk (a lost laptop) are refused whole, with a message and an audit
 * entry, and nothing of them is applied; an old bundle put back on the stick changes nothing.
 */
import { createPrivateKey } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sealBundle } from '../../../src/main/exchange/bundle-file';
import { encodePayload } from '../../../src/main/exchange/operations';
import { listDesks, siteExchangeKey, siteId } from '../../../src/main/exchange/this-desk';
import { tempDataDir } from '../helpers/temp-dir';
import { CLERK, setUpVault, SUPERVISOR } from '../helpers/vault';
import { call, exchange, PASSPHRASE, register, search, signedIn, twoDesks } from './two-desks';

function peopleAt(dir: string) {
  return signedIn(dir, SUPERVISOR).then(async (core) => {
    try {
      return (await call(core, 'people.recent', { offset: 0, limit: 100 })).total;
    } finally {
      core.close();
    }
  });
}

async function refusalsAudited(dir: string) {
  const core = await signedIn(dir, SUPERVISOR);
  try {
    return core.vault.audit.list({ action: 'exchange-refuse', limit: 10 }).map((entry) => entry.details);
  } finally {
    core.close();
  }
}

describe('bundles the exchange refuses', () => {
  it('refuses a bundle with one byte changed, applies nothing of it, and takes the sound copy afterwards', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await register(oneDir, 'Rania Haddad');
    const written = await exchange(oneDir, folder);
    const name = written.bundleWritten ?? '';
    const path = join(folder, name);
    const sound = readFileSync(path);
    for (const offset of [20, Math.floor(sound.length / 2), sound.length - 1]) {
      const altered = Buffer.from(sound);
      altered[offset] = (altered[offset] ?? 0) ^ 0x01;
      writeFileSync(path, altered);
      const result = await exchange(twoDir, folder);
      expect(result).toMatchObject({ applied: 0, refused: 1 });
      expect(['bundle_damaged', 'bundle_signature_invalid']).toContain(result.refusals[0]?.code);
      expect(await peopleAt(twoDir)).toBe(0);
    }
    expect((await refusalsAudited(twoDir)).length).toBe(3);
    writeFileSync(path, sound);
    expect(await exchange(twoDir, folder)).toMatchObject({ refused: 0 });
    expect(await search(twoDir, 'Rania')).toHaveLength(1);
  });

  it("refuses another site's bundle, whole", { timeout: 180_000 }, async () => {
    const { twoDir, folder } = await twoDesks();
    // Another site with a desk enrolled, so its desk 1 writes a bundle.
    const otherDir = tempDataDir('exchange-other-site');
    const { core: other } = await setUpVault(otherDir);
    await call(other, 'desks.enrol', { out: join(tempDataDir('exchange-other-enrolment'), 'x.enrolment'), passphrase: PASSPHRASE });
    other.close();
    const written = await exchange(otherDir, folder, SUPERVISOR);
    expect(written.bundleWritten).not.toBeNull();
    const result = await exchange(twoDir, folder);
    expect(result).toMatchObject({ applied: 0, refused: 1 });
    expect(result.refusals[0]?.code).toBe('bundle_other_site');
    expect(await peopleAt(twoDir)).toBe(0);
    expect(await refusalsAudited(twoDir)).toEqual([expect.objectContaining({ reason: 'other_site' })]);
  });

  it('refuses the bundles a retired desk writes afterwards', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const supervisor = await signedIn(oneDir, SUPERVISOR);
    await call(supervisor, 'desks.retire', { number: 2 });
    supervisor.close();
    // The laptop of desk 2 is lost: whoever holds it registers someone and writes a bundle.
    await register(twoDir, 'Planted Record');
    const stolen = await exchange(twoDir, folder);
    expect(stolen.bundleWritten).not.toBeNull();
    const result = await exchange(oneDir, folder);
    expect(result).toMatchObject({ applied: 0, refused: 1 });
    expect(result.refusals[0]).toMatchObject({ code: 'bundle_retired_desk', desk: 2 });
    expect(await search(oneDir, 'Planted')).toEqual([]);
  });

  it("a retired desk's bundle within what was taken from it moves nothing: not the numbering here, nor another desk's changes", { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const rania = await register(oneDir, 'Rania Haddad');
    await register(twoDir, 'Karim Nassar');
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    const supervisor = await signedIn(oneDir, SUPERVISOR);
    await call(supervisor, 'desks.retire', { number: 2 });
    supervisor.close();
    for (const name of readdirSync(folder)) rmSync(join(folder, name));

    // Whoever holds the lost laptop's key signs a bundle named by what desk 1 had taken from it (so
    // it opens), saying desk 1 has made a million changes, and sending on a change "of desk 1".
    const atOne = await signedIn(oneDir, SUPERVISOR);
    const oneNumbered = atOne.vault.db.prepare('SELECT max(seq) FROM own_operations').pluck(true).get() as number;
    atOne.close();
    const lost = await signedIn(twoDir, SUPERVISOR);
    const db = lost.vault.db;
    const privateKey = createPrivateKey({ key: Buffer.from(db.prepare('SELECT private_key FROM this_desk').pluck(true).get() as string, 'base64'), format: 'der', type: 'pkcs8' });
    const me = listDesks(db).find((desk) => desk.thisDesk);
    const last = db.prepare('SELECT max(seq) FROM own_operations').pluck(true).get() as number;
    const gid = db.prepare('SELECT lower(hex(gid)) FROM people WHERE registration_number = ?').pluck(true).get(rania.registrationNumber) as string;
    const site = siteId(db);
    const keys = { exchangeKey: siteExchangeKey(db), privateKey };
    lost.close();
    // Desk 1's next operation number: sent back to it as its own, it would be kept and merged.
    const planted = { desk: 1, seq: oneNumbered + 1, hlc: '999999999999999-00000', account: null, entity: 'person', row: gid, field: 'tier0.chosenName', version: 9, value: '"Planted Name"', seal: null };
    writeFileSync(
      join(folder, `intake-bundle-${me?.id}-${last}.bundle`),
      sealBundle(
        { site, desk: me?.id ?? '', firstSeq: last + 1, lastSeq: last, createdAt: new Date().toISOString() },
        encodePayload({ desk: 2, operations: [], relayed: new Map([[1, [planted]]]), applied: new Map([[1, 1_000_000], [2, last]]), audit: [], auditApplied: new Map() }),
        keys,
      ),
    );
    const result = await exchange(oneDir, folder);
    expect(result).toMatchObject({ applied: 0, refused: 0 });
    expect(await search(oneDir, 'Planted')).toEqual([]);
    const next = await register(oneDir, 'Lina Haddad');
    expect(next.registrationNumber).toBe('ATH-000002');
  });

  it("a desk's key changes no desk row but to retire another desk: no key, no new desk, no desk brought back", { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    await exchange(twoDir, folder);
    await exchange(oneDir, folder);
    for (const name of readdirSync(folder)) rmSync(join(folder, name));
    const before = await signedIn(oneDir, SUPERVISOR);
    const desksBefore = (await call(before, 'desks.list', {})).desks;
    before.close();
    const deskOne = desksBefore.find((desk) => desk.number === 1);
    const deskTwo = desksBefore.find((desk) => desk.number === 2);

    // Desk 2's laptop, in the wrong hands before its retirement is known, signs changes of desk rows.
    const lost = await signedIn(twoDir, SUPERVISOR);
    const db = lost.vault.db;
    const privateKey = createPrivateKey({ key: Buffer.from(db.prepare('SELECT private_key FROM this_desk').pluck(true).get() as string, 'base64'), format: 'der', type: 'pkcs8' });
    const last = db.prepare('SELECT max(seq) FROM own_operations').pluck(true).get() as number;
    const site = siteId(db);
    const keys = { exchangeKey: siteExchangeKey(db), privateKey };
    lost.close();
    const gidOf = (id: string | undefined) => (id ?? '').replaceAll('-', '');
    const theirKey = deskTwo?.publicKey ?? '';
    const forged = [
      // Desk 1's key replaced by one the thief holds: desk 1 taken over.
      { field: 'public_key', row: gidOf(deskOne?.id), value: JSON.stringify(theirKey) },
      // A desk 9 of the thief's own.
      { field: '', row: '01a23c57b527731082331be42a86ad99', value: JSON.stringify({ number: 9, public_key: theirKey, enrolled_at: '2026-12-01T00:00:00.000Z', retired_at: null }) },
      // Desk 2 itself "not retired", at a version no retirement beats.
      { field: 'retired_at', row: gidOf(deskTwo?.id), value: 'null' },
    ].map((change, index) => ({ desk: 2, seq: last + 1 + index, hlc: '999999999999999-00000', account: null, entity: 'desk', version: 99, seal: null, ...change }));
    writeFileSync(
      join(folder, `intake-bundle-${deskTwo?.id}-${last + forged.length}.bundle`),
      sealBundle(
        { site, desk: deskTwo?.id ?? '', firstSeq: last + 1, lastSeq: last + forged.length, createdAt: new Date().toISOString() },
        encodePayload({ desk: 2, operations: forged, applied: new Map([[2, last + forged.length]]), audit: [], auditApplied: new Map() }),
        keys,
      ),
    );
    expect(await exchange(oneDir, folder)).toMatchObject({ refused: 0 });
    const supervisor = await signedIn(oneDir, SUPERVISOR);
    try {
      const desks = (await call(supervisor, 'desks.list', {})).desks;
      expect(desks.map((desk) => [desk.number, desk.publicKey])).toEqual(desksBefore.map((desk) => [desk.number, desk.publicKey]));
      // Retired now, desk 2 stays retired: its "not retired" was never taken.
      await call(supervisor, 'desks.retire', { number: 2 });
      expect((await call(supervisor, 'desks.list', {})).desks.find((desk) => desk.number === 2)?.retiredAt).not.toBeNull();
    } finally {
      supervisor.close();
    }
  });

  it('an old bundle put back on the stick changes nothing', { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const rania = await register(oneDir, 'Rania Haddad');
    const first = await exchange(oneDir, folder);
    const kept = join(tempDataDir('exchange-old-copy'), first.bundleWritten ?? '');
    copyFileSync(join(folder, first.bundleWritten ?? ''), kept);
    await exchange(twoDir, folder);

    // Desk 1 changes the record; its new bundle replaces the old one on the stick.
    const atOne = await signedIn(oneDir, CLERK);
    await call(atOne, 'people.update', { id: rania.id, set: { arrivalDate: '2026-11-03' }, clear: [] });
    atOne.close();
    const second = await exchange(oneDir, folder);
    expect(readdirSync(folder)).not.toContain(first.bundleWritten);
    await exchange(twoDir, folder);

    // Someone puts the old bundle back: read again, it brings nothing back.
    copyFileSync(kept, join(folder, first.bundleWritten ?? ''));
    rmSync(join(folder, second.bundleWritten ?? ''));
    expect(await exchange(twoDir, folder)).toMatchObject({ applied: 0, refused: 0, conflicts: 0 });
    const atTwo = await signedIn(twoDir, CLERK);
    const [found] = await call(atTwo, 'people.search', { query: 'Rania' });
    expect((await call(atTwo, 'people.get', { id: found?.id ?? 0 })).fields.arrivalDate).toBe('2026-11-03');
    atTwo.close();
  });

  it("applies a desk's signed bundle without the values the catalogue does not take, and refuses one whose values are not JSON", { timeout: 180_000 }, async () => {
    const { oneDir, twoDir, folder } = await twoDesks();
    const rania = await register(oneDir, 'Rania Haddad');
    await exchange(oneDir, folder);
    await exchange(twoDir, folder);
    // Desk 1's keys, as a desk misused (or a newer version) would sign with them.
    const core = await signedIn(oneDir, SUPERVISOR);
    const db = core.vault.db;
    const gid = db.prepare('SELECT lower(hex(gid)) FROM people WHERE id = ?').pluck(true).get(rania.id) as string;
    const privateKey = createPrivateKey({ key: Buffer.from(db.prepare('SELECT private_key FROM this_desk').pluck(true).get() as string, 'base64'), format: 'der', type: 'pkcs8' });
    const keys = { exchangeKey: siteExchangeKey(db), privateKey };
    const me = listDesks(db).find((desk) => desk.thisDesk);
    const last = db.prepare('SELECT max(seq) FROM own_operations').pluck(true).get() as number;
    const audit = db.prepare('SELECT max(id) FROM audit_log').pluck(true).get() as number;
    const site = siteId(db);
    core.close();
    const op = (seq: number, field: string, value: string | null) => ({ desk: 1, seq, hlc: '999999999999999-00000', account: null, entity: 'person', row: gid, field, version: 9, value, seal: null });
    const forged = (operations: ReturnType<typeof op>[], first = last + 1) =>
      sealBundle(
        { site, desk: me?.id ?? '', firstSeq: first, lastSeq: first + operations.length - 1, createdAt: new Date().toISOString() },
        encodePayload({ desk: 1, operations, applied: new Map([[1, first + operations.length - 1]]), audit: [], auditApplied: new Map([[1, audit]]) }),
        keys,
      );
    for (const name of readdirSync(folder)) rmSync(join(folder, name));

    // Not JSON: refused whole.
    writeFileSync(join(folder, `intake-bundle-${me?.id}-${last + 1}.bundle`), forged([op(last + 1, 'tier1.arrivalDate', '{not json')]));
    expect(await exchange(twoDir, folder)).toMatchObject({ applied: 0, refused: 1, refusals: [{ code: 'bundle_damaged' }] });
    for (const name of readdirSync(folder)) rmSync(join(folder, name));

    // A kind of change this version does not know (a table a newer version added): refused whole,
    // as written by a newer version, naming it; the changes beside it are not applied either.
    writeFileSync(
      join(folder, `intake-bundle-${me?.id}-${last + 2}.bundle`),
      forged([op(last + 1, 'tier1.address', '"Block 4"'), { ...op(last + 2, '', '{"service": "clinic"}'), entity: 'assessment' }]),
    );
    expect(await exchange(twoDir, folder)).toMatchObject({ applied: 0, refused: 1, refusals: [{ code: 'bundle_from_newer_app' }] });
    for (const name of readdirSync(folder)) rmSync(join(folder, name));

    // A part of the payload this version does not know (a newer version added it): refused as of a
    // newer version, naming the part, not as damaged; nothing beside it is applied.
    const plain = JSON.parse(
      gunzipSync(encodePayload({ desk: 1, operations: [op(last + 1, 'tier1.address', '"Block 5"')], applied: new Map([[1, last + 1]]), audit: [], auditApplied: new Map([[1, audit]]) })).toString('utf8'),
    ) as Record<string, unknown>;
    writeFileSync(
      join(folder, `intake-bundle-${me?.id}-${last + 1}.bundle`),
      sealBundle(
        { site, desk: me?.id ?? '', firstSeq: last + 1, lastSeq: last + 1, createdAt: new Date().toISOString() },
        gzipSync(Buffer.from(JSON.stringify({ ...plain, signedRuns: [] }), 'utf8')),
        keys,
      ),
    );
    expect(await exchange(twoDir, folder)).toMatchObject({ applied: 0, refused: 1, refusals: [{ code: 'bundle_from_newer_app', params: { kind: 'signedRuns' } }] });
    for (const name of readdirSync(folder)) rmSync(join(folder, name));

    // Keys the catalogue does not have, a value its schema refuses, a field in the wrong tier: not written.
    writeFileSync(
      join(folder, `intake-bundle-${me?.id}-${last + 4}.bundle`),
      forged([
        op(last + 1, 'tier0.__proto__', '{"polluted": true}'),
        op(last + 2, 'tier1.arrivalDate', '"not a date"'),
        op(last + 3, 'tier2.arrivalDate', '"2026-11-05"'),
        op(last + 4, 'tier1.notAField', '"x"'),
      ]),
    );
    expect(await exchange(twoDir, folder)).toMatchObject({ applied: 4, refused: 0 });
    const atTwo = await signedIn(twoDir, SUPERVISOR);
    const row = atTwo.vault.db.prepare('SELECT tier0, tier1, tier2 FROM people WHERE lower(hex(gid)) = ?').get(gid) as Record<string, string>;
    atTwo.close();
    expect(JSON.parse(row.tier0 ?? '{}')).toEqual({ chosenName: 'Rania Haddad' });
    expect(JSON.parse(row.tier1 ?? '{}').arrivalDate).toBeUndefined();
    expect(JSON.parse(row.tier2 ?? '{}')).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const name of readdirSync(folder)) rmSync(join(folder, name));

    // A setting "made" with a value that is not a row, and a laptop's own setting (where its
    // backups go): the exchange goes on, and neither is written nor offered as a conflict.
    const setting = (seq: number, key: string, value: string) => ({ ...op(seq, '', value), entity: 'setting', row: key, version: 0 });
    const own = await signedIn(twoDir, SUPERVISOR);
    own.vault.db.prepare("INSERT INTO settings (key, value) VALUES ('backup.folder', ?)").run(JSON.stringify('/media/desk-two'));
    own.close();
    writeFileSync(
      join(folder, `intake-bundle-${me?.id}-${last + 6}.bundle`),
      forged([setting(last + 5, 'idleMinutes', 'null'), setting(last + 6, 'backup.folder', JSON.stringify({ value: JSON.stringify('/media/elsewhere') }))], last + 5),
    );
    expect(await exchange(twoDir, folder)).toMatchObject({ applied: 2, refused: 0 });
    const after = await signedIn(twoDir, SUPERVISOR);
    try {
      expect(after.vault.db.prepare("SELECT value FROM settings WHERE key = 'backup.folder'").pluck(true).get()).toBe(JSON.stringify('/media/desk-two'));
      expect(after.vault.db.prepare("SELECT count(*) FROM field_versions WHERE entity = 'setting' AND row = 'backup.folder'").pluck(true).get()).toBe(0);
      expect(await call(after, 'exchange.conflicts', { open: true })).toEqual([]);
    } finally {
      after.close();
    }
  });
});

