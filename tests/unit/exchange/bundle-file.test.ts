/**
 * Issue 13, bundle files: what one desk leaves on a stick or in a shared folder for the others.
 * The attacks are the tests: every byte changed, a file cut short, a bundle of another site, a
 * header taken from another bundle, a desk's signature forged with another desk's key, an unknown
 * and a retired desk. Each is refused whole, with its reason, and nothing of the payload comes out.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BundleRefused,
  bundleFileName,
  openBundle,
  parseBundleFileName,
  sealBundle,
  writeBundle,
  type BundleHeaderInput,
  type KnownDesk,
  type OpenContext,
  REFUSAL_REASONS,
  type RefusalReason,
} from '../../../src/main/exchange/bundle-file';
import { globalIdText, newGlobalId } from '../../../src/main/exchange/global-id';
import { listDesks, siteExchangeKey, siteId } from '../../../src/main/exchange/this-desk';
import { FolderTransport } from '../../../src/main/exchange/transport';
import { ERROR_CODES } from '../../../src/shared/errors';
import en from '../../../src/shared/i18n/locales/en.json' with { type: 'json' };
import { tempDataDir } from '../helpers/temp-dir';
import { setUpVault } from '../helpers/vault';

interface Desk {
  id: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
}
interface Site {
  id: string;
  exchangeKey: Buffer;
}

const newDesk = (): Desk => ({ id: globalIdText(newGlobalId()), ...generateKeyPairSync('ed25519') });
const newSite = (): Site => ({ id: globalIdText(newGlobalId()), exchangeKey: randomBytes(32) });

/** A site of three desks: A and B in service, C retired after the site accepted its changes up to 10. */
function siteOfDesks() {
  const site = newSite();
  const a = newDesk();
  const b = newDesk();
  const c = newDesk();
  const known = new Map<string, KnownDesk>([
    [a.id, { publicKey: a.publicKey, retired: false, acceptsUpTo: null }],
    [b.id, { publicKey: b.publicKey, retired: false, acceptsUpTo: null }],
    [c.id, { publicKey: c.publicKey, retired: true, acceptsUpTo: 10 }],
  ]);
  const context: OpenContext = { siteId: site.id, exchangeKey: site.exchangeKey, deskOf: (id) => known.get(id) };
  return { site, a, b, c, known, context };
}

const header = (site: Site, desk: Desk, firstSeq = 1, lastSeq = 3): BundleHeaderInput => ({
  site: site.id,
  desk: desk.id,
  firstSeq,
  lastSeq,
  createdAt: '2026-11-30T15:00:00.000Z',
});

const seal = (site: Site, desk: Desk, payload: Buffer, firstSeq = 1, lastSeq = 3): Buffer =>
  sealBundle(header(site, desk, firstSeq, lastSeq), payload, { exchangeKey: site.exchangeKey, privateKey: desk.privateKey });

/** The reason a bundle is refused for; fails the test if it opens. */
function refusal(bytes: Buffer, context: OpenContext): RefusalReason {
  let opened: unknown;
  try {
    opened = openBundle(bytes, context);
  } catch (error) {
    if (error instanceof BundleRefused) return error.reason;
    throw error;
  }
  expect.fail(`the bundle was opened: ${JSON.stringify(opened)}`);
}

/** Where the header line ends (the second newline: after the magic line and the header). */
const headerLineEnd = (bytes: Buffer): number => bytes.indexOf(0x0a, bytes.indexOf(0x0a) + 1) + 1;

const MARKER = 'Amal Haddad born 1990-04-12';

describe('bundle files', () => {
  it('round trip: what desk A seals, every desk of the site opens, payload and header as written', () => {
    const { site, a, context } = siteOfDesks();
    const payload = Buffer.from(`operations of desk A: ${MARKER}`);
    const bytes = seal(site, a, payload, 4, 9);
    const opened = openBundle(bytes, context);
    expect(opened.payload.equals(payload)).toBe(true);
    expect(opened.header).toEqual({ format: 1, site: site.id, desk: a.id, firstSeq: 4, lastSeq: 9, createdAt: '2026-11-30T15:00:00.000Z', payloadLength: payload.length });
    expect(bytes.subarray(0, 14).toString('latin1')).toBe('intake-bundle\n');
    // An empty payload and an empty range (a bundle carrying none of the desk's own changes) too.
    expect(openBundle(seal(site, a, Buffer.alloc(0), 10, 9), context).payload).toHaveLength(0);
    // The file name says whose bundle it is and how far it goes.
    const name = bundleFileName({ desk: a.id, lastSeq: 9 });
    expect(name).toBe(`intake-bundle-${a.id}-9.bundle`);
    expect(parseBundleFileName(name)).toEqual({ deskId: a.id, lastSeq: 9 });
    expect(parseBundleFileName(`${name}.tmp`)).toBeUndefined();
    expect(parseBundleFileName(`._${name}`)).toBeUndefined();
  });

  it('keeps the payload secret: its plaintext is nowhere in the file, and two seals of it differ', () => {
    const { site, a } = siteOfDesks();
    const payload = Buffer.from(`${MARKER}\n`.repeat(50));
    const one = seal(site, a, payload);
    const two = seal(site, a, payload);
    expect(one.includes(Buffer.from(MARKER))).toBe(false);
    expect(one.includes(Buffer.from('Amal'))).toBe(false);
    expect(one.includes(Buffer.from(MARKER, 'utf16le'))).toBe(false);
    expect(one.subarray(-200).equals(two.subarray(-200))).toBe(false); // a fresh nonce every time
  });

  it('refuses the bundle whole when any single byte is changed, at every position', () => {
    const { site, a, context } = siteOfDesks();
    const bytes = seal(site, a, Buffer.from('payload'));
    const reasons = new Map<RefusalReason, number>();
    for (let position = 0; position < bytes.length; position++) {
      for (const mask of [0x01, 0x80]) {
        const altered = Buffer.from(bytes);
        altered[position] = (altered[position] ?? 0) ^ mask;
        const reason = refusal(altered, context);
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      }
    }
    // Changes in the magic line make it no bundle; in the body or the signature, a bad signature.
    expect(reasons.get('not_a_bundle')).toBe(2 * 14);
    expect(reasons.get('bad_signature')).toBeGreaterThanOrEqual(2 * (12 + 7 + 16 + 64));
    expect([...reasons.keys()].every((reason) => ['not_a_bundle', 'unsupported_version', 'other_site', 'unknown_desk', 'damaged', 'bad_signature'].includes(reason))).toBe(true);
  });

  it('refuses as damaged a bundle its own desk signed but sealed under another exchange key, giving none of its bytes', () => {
    const { site, a, context } = siteOfDesks();
    const underOtherKey = sealBundle(header(site, a), Buffer.from(MARKER), { exchangeKey: randomBytes(32), privateKey: a.privateKey });
    // The signature is sound: only the AES-GCM tag tells the payload was not sealed under this site's key.
    expect(() => openBundle(underOtherKey, context)).toThrow(expect.objectContaining({ reason: 'damaged', params: { desk: a.id } }));
  });

  it('refuses a file cut short at any length, or grown, as damaged once its header can be read', () => {
    const { site, a, context } = siteOfDesks();
    const bytes = seal(site, a, Buffer.from('payload of a bundle'));
    const headerEnd = headerLineEnd(bytes);
    for (let length = 0; length < bytes.length; length++) {
      const reason = refusal(bytes.subarray(0, length), context);
      expect(reason).toBe(length < 14 ? 'not_a_bundle' : 'damaged');
    }
    expect(refusal(bytes.subarray(0, headerEnd), context)).toBe('damaged');
    expect(refusal(Buffer.concat([bytes, Buffer.from([0])]), context)).toBe('damaged');
    expect(refusal(Buffer.from('PK\u0003\u0004 a zip file'), context)).toBe('not_a_bundle');
    // A header line longer than any header is not read as one.
    expect(refusal(Buffer.concat([bytes.subarray(0, 14), Buffer.alloc(5000, 0x20), bytes.subarray(14)]), context)).toBe('damaged');
  });

  it('refuses a bundle of another site, whatever desk it claims', () => {
    const { context, a } = siteOfDesks();
    const otherSite = newSite();
    const otherDesk = newDesk();
    expect(refusal(seal(otherSite, otherDesk, Buffer.from('theirs')), context)).toBe('other_site');
    // Another site's bundle naming this site's desk A still fails on the site first.
    expect(refusal(seal(otherSite, a, Buffer.from('theirs')), context)).toBe('other_site');
  });

  it('refuses a bundle whose header was taken from another bundle of the same desk', () => {
    const { site, a, context } = siteOfDesks();
    const first = seal(site, a, Buffer.from('first bundle'), 1, 3);
    const second = seal(site, a, Buffer.from('later bundle'), 4, 7); // same length: only the header differs
    const swapped = Buffer.concat([second.subarray(0, headerLineEnd(second)), first.subarray(headerLineEnd(first))]);
    expect(swapped).toHaveLength(first.length);
    expect(refusal(swapped, context)).toBe('bad_signature');
    // Even signed anew with desk A's own key (a thief of A's key but not of the header binding),
    // the header is bound to the ciphertext as authenticated data: the payload does not open.
    const unsigned = swapped.subarray(0, swapped.length - 64);
    const resigned = Buffer.concat([unsigned, sign(null, unsigned, a.privateKey)]);
    expect(refusal(resigned, context)).toBe('damaged');
  });

  it('refuses a bundle signed with another desk\'s key while claiming desk A', () => {
    const { site, a, b, context } = siteOfDesks();
    // Desk B (which holds the site exchange key) writes a bundle in A's name with its own key.
    const forged = sealBundle(header(site, a), Buffer.from('in A\'s name'), { exchangeKey: site.exchangeKey, privateKey: b.privateKey });
    expect(refusal(forged, context)).toBe('bad_signature');
    // A's real bundle with B's signature in place of A's.
    const real = seal(site, a, Buffer.from('from A'));
    const unsigned = real.subarray(0, real.length - 64);
    expect(refusal(Buffer.concat([unsigned, sign(null, unsigned, b.privateKey)]), context)).toBe('bad_signature');
    // An outsider's key pair, too.
    expect(refusal(Buffer.concat([unsigned, sign(null, unsigned, newDesk().privateKey)]), context)).toBe('bad_signature');
  });

  it('refuses a bundle from a desk this desk does not know, or whose key it has not received', () => {
    const { site, a, known, context } = siteOfDesks();
    const stranger = newDesk();
    const error = (() => {
      try {
        openBundle(seal(site, stranger, Buffer.from('x')), context);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(BundleRefused);
    expect(error).toMatchObject({ reason: 'unknown_desk', code: 'bundle_unknown_desk', params: { desk: stranger.id } });
    known.set(a.id, { publicKey: null, retired: false, acceptsUpTo: null });
    expect(refusal(seal(site, a, Buffer.from('x')), context)).toBe('unknown_desk');
  });

  it('refuses a retired desk\'s bundle beyond what the site accepted from it, and accepts it up to that', () => {
    const { site, c, known, context } = siteOfDesks();
    expect(openBundle(seal(site, c, Buffer.from('before retirement'), 1, 10), context).payload.toString()).toBe('before retirement');
    expect(refusal(seal(site, c, Buffer.from('after retirement'), 11, 11), context)).toBe('retired_desk');
    expect(refusal(seal(site, c, Buffer.from('straddling'), 9, 12), context)).toBe('retired_desk');
    known.set(c.id, { publicKey: c.publicKey, retired: true, acceptsUpTo: null });
    expect(refusal(seal(site, c, Buffer.from('anything'), 1, 1), context)).toBe('retired_desk');
  });

  it('checks in order: a forged bundle of a retired desk is refused as retired, a newer format as unsupported', () => {
    const { site, b, c, context } = siteOfDesks();
    const forgedRetired = sealBundle(header(site, c, 11, 12), Buffer.from('x'), { exchangeKey: site.exchangeKey, privateKey: b.privateKey });
    expect(refusal(forgedRetired, context)).toBe('retired_desk');
    const bytes = seal(site, b, Buffer.from('x'));
    const text = bytes.toString('latin1').replace('"format":1', '"format":2');
    expect(refusal(Buffer.from(text, 'latin1'), context)).toBe('unsupported_version');
    // A format that is not a whole number is no version: its text never reaches the message.
    const lure = bytes.toString('latin1').replace('"format":1', '"format":"Call +00 000 to unlock"');
    expect(() => openBundle(Buffer.from(lure, 'latin1'), context)).toThrow(expect.objectContaining({ reason: 'damaged', params: undefined }));
  });

  it('gives every refusal its own error code with a message', () => {
    const codes = ['bundle_not_a_bundle', 'bundle_version_unsupported', 'bundle_other_site', 'bundle_unknown_desk', 'bundle_retired_desk', 'bundle_signature_invalid', 'bundle_damaged', 'bundle_from_newer_app', 'bundle_sent_on_unsigned'] as const;
    const reasons: RefusalReason[] = ['not_a_bundle', 'unsupported_version', 'other_site', 'unknown_desk', 'retired_desk', 'bad_signature', 'damaged', 'newer_app', 'sent_on_unsigned'];
    expect(reasons).toEqual([...REFUSAL_REASONS]);
    expect(reasons.map((reason) => new BundleRefused(reason).code)).toEqual(codes);
    for (const code of codes) {
      expect(ERROR_CODES).toContain(code);
      expect(en.errors[code]).toMatch(/refused/);
    }
  });
});

describe('FolderTransport', () => {
  it('lists only whole bundles of other desks: not partial or temporary files, not its own, not other files', async () => {
    const { site, a, b, context } = siteOfDesks();
    const folder = tempDataDir('exchange');
    const fromB = writeBundle(folder, header(site, b, 1, 5), Buffer.from(`B's changes ${MARKER}`), { exchangeKey: site.exchangeKey, privateKey: b.privateKey });
    const ownTransport = new FolderTransport(folder, a.id);
    const own = seal(site, a, Buffer.from('A'), 1, 2);
    await ownTransport.write(bundleFileName({ desk: a.id, lastSeq: 2 }), own);
    expect(readdirSync(folder).sort()).toEqual([bundleFileName({ desk: a.id, lastSeq: 2 }), fromB].sort()); // no temporary left

    // What a pulled stick, a synchroniser and other systems leave behind.
    const half = seal(site, b, Buffer.from('B later'), 6, 8);
    const later = bundleFileName({ desk: b.id, lastSeq: 8 });
    writeFileSync(join(folder, `${later}.3f9a01c2be77.tmp`), half.subarray(0, half.length >> 1));
    writeFileSync(join(folder, `.syncthing.${later}.tmp`), half.subarray(0, 20));
    writeFileSync(join(folder, `~syncthing~${later}.tmp`), half.subarray(0, 20));
    writeFileSync(join(folder, `._${later}`), Buffer.from('resource fork'));
    writeFileSync(join(folder, `intake-bundle-${b.id}-8.sync-conflict-20261130-150000-ABCDEFG.bundle`), half);
    writeFileSync(join(folder, 'notes.txt'), 'shopping list');
    mkdirSync(join(folder, bundleFileName({ desk: b.id, lastSeq: 99 })));

    const listed = await ownTransport.listFromOthers();
    expect(listed).toEqual([{ name: fromB, deskId: b.id, lastSeq: 5 }]);
    const opened = openBundle(await ownTransport.read(fromB), context);
    expect(opened.payload.toString()).toBe(`B's changes ${MARKER}`);
    expect(readFileSync(join(folder, fromB)).includes(Buffer.from(MARKER))).toBe(false);
    // Desk B sees A's bundle and not its own.
    expect((await new FolderTransport(folder, b.id).listFromOthers()).map((ref) => ref.deskId)).toEqual([a.id]);
  });

  it('writes only this desk\'s bundle names, reads only bundle names, and says when the folder is not there', async () => {
    const { site, a, b } = siteOfDesks();
    const folder = tempDataDir('exchange');
    const transport = new FolderTransport(folder, a.id);
    const bytes = seal(site, a, Buffer.from('A'));
    await expect(transport.write(bundleFileName({ desk: b.id, lastSeq: 3 }), bytes)).rejects.toThrow(/this desk's bundles/);
    await expect(transport.write('../escape.bundle', bytes)).rejects.toThrow(/this desk's bundles/);
    await expect(transport.read('../../etc/passwd')).rejects.toThrow(/bundle's file name/);
    await expect(new FolderTransport(join(folder, 'stick-not-plugged-in'), a.id).listFromOthers()).rejects.toMatchObject({
      code: 'exchange_folder_missing',
    });
    // A write that cannot finish (here the name is taken by a folder) leaves no temporary file behind.
    const name = bundleFileName({ desk: a.id, lastSeq: 3 });
    mkdirSync(join(folder, name));
    await expect(transport.write(name, bytes)).rejects.toThrow();
    expect(readdirSync(folder)).toEqual([name]);
  });

  it('a later write of this desk clears what an earlier cut-off write left, and nothing of other desks', async () => {
    const { site, a, b } = siteOfDesks();
    const folder = tempDataDir('exchange');
    const ownLeftover = `${bundleFileName({ desk: a.id, lastSeq: 2 })}.0123456789ab.tmp`;
    const othersInFlight = `${bundleFileName({ desk: b.id, lastSeq: 4 })}.ba9876543210.tmp`;
    writeFileSync(join(folder, ownLeftover), 'half');
    writeFileSync(join(folder, othersInFlight), 'half');
    await new FolderTransport(folder, a.id).write(bundleFileName({ desk: a.id, lastSeq: 3 }), seal(site, a, Buffer.from('A')));
    expect(readdirSync(folder).sort()).toEqual([bundleFileName({ desk: a.id, lastSeq: 3 }), othersInFlight].sort());
  });

  it('kill -9 while writing bundles: the cut-off write is not listed, every bundle listed opens whole', { timeout: 120_000 }, async () => {
    const { site, a, b, context } = siteOfDesks();
    let cutOffWrites = 0;
    // A kill lands in the middle of a write (its temporary file is there) most times; try until one did.
    for (let attempt = 0; attempt < 5 && cutOffWrites === 0; attempt++) {
      const folder = tempDataDir('exchange');
      const worker = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'helpers', 'bundle-writer.ts'), folder], {
        env: {
          ...process.env,
          BUNDLE_SITE: site.id,
          BUNDLE_DESK: b.id,
          BUNDLE_EXCHANGE_KEY: site.exchangeKey.toString('hex'),
          BUNDLE_PRIVATE_KEY: b.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
          BUNDLE_MEGABYTES: '32',
        },
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      // Once two bundles are whole, kill the writer the moment its next write is under way.
      for (;;) {
        const names = readdirSync(folder);
        if (names.filter((name) => name.endsWith('.bundle')).length >= 2 && names.some((name) => name.endsWith('.tmp'))) break;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      worker.kill('SIGKILL');
      await exited;
      if (readdirSync(folder).some((name) => name.endsWith('.tmp'))) cutOffWrites++;
      const listed = await new FolderTransport(folder, a.id).listFromOthers();
      expect(listed.length).toBeGreaterThanOrEqual(2);
      expect(listed.every((ref) => ref.name.endsWith('.bundle'))).toBe(true);
      for (const ref of listed) {
        const { header } = openBundle(readFileSync(join(folder, ref.name)), context);
        expect(header.lastSeq).toBe(ref.lastSeq);
      }
    }
    expect(cutOffWrites).toBe(1);
  });
});

describe('bundles between real vaults', () => {
  it('seals with the keys a desk keeps in its vault; its site opens it, another site refuses it', { timeout: 60_000 }, async () => {
    const { core: first } = await setUpVault(tempDataDir('site-a'));
    const { core: second } = await setUpVault(tempDataDir('site-b'));
    const contextOf = (db: typeof first.vault.db): OpenContext => {
      const desks = listDesks(db);
      return {
        siteId: siteId(db),
        exchangeKey: siteExchangeKey(db),
        deskOf: (id) => {
          const desk = desks.find((candidate) => candidate.id === id);
          if (!desk) return undefined;
          const publicKey = desk.publicKey ? createPublicKey({ key: Buffer.from(desk.publicKey, 'base64'), format: 'der', type: 'spki' }) : null;
          return { publicKey, retired: desk.retiredAt !== null, acceptsUpTo: null };
        },
      };
    };
    const db = first.vault.db;
    const privateKey = createPrivateKey({ key: Buffer.from(db.prepare('SELECT private_key FROM this_desk').pluck().get() as string, 'base64'), format: 'der', type: 'pkcs8' });
    const deskId = listDesks(db).find((desk) => desk.thisDesk)?.id ?? '';
    const bytes = sealBundle(
      { site: siteId(db), desk: deskId, firstSeq: 1, lastSeq: 1, createdAt: new Date().toISOString() },
      Buffer.from(MARKER),
      { exchangeKey: siteExchangeKey(db), privateKey },
    );
    expect(openBundle(bytes, contextOf(db)).payload.toString()).toBe(MARKER);
    expect(refusal(bytes, contextOf(second.vault.db))).toBe('other_site');
    first.close();
    second.close();
  });
});
