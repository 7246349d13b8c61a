/**
 * app.progress is answered beside a long call, not after it: a key rotation reports its stages
 * as they start, and nothing is left once it ends. Holds step names and counts only.
 */
import { expect, it } from 'vitest';
import { KEY_ROTATION_STAGES, type Progress } from '../../src/shared/contract';
import type { RpcResult } from '../../src/shared/errors';
import { tempDataDir } from './helpers/temp-dir';
import { dispatcherFor, setUpVault, SUPERVISOR } from './helpers/vault';

it('reports a key rotation stage by stage while it runs, in order, and null once it is done', { timeout: 60_000 }, async () => {
  const { core } = await setUpVault(tempDataDir('call-progress'));
  const { dispatcher } = dispatcherFor(core, 'ui');
  try {
    let finished = false;
    const rotation = dispatcher.dispatch('vault.rotateKey', { password: SUPERVISOR.password }).finally(() => {
      finished = true;
    });
    const seen: string[] = [];
    while (!finished) {
      const answer = (await dispatcher.dispatch('app.progress', {})) as RpcResult<Progress>;
      if (!answer.ok) throw new Error(answer.error.code);
      const progress = answer.value;
      if (progress?.task === 'key-rotation' && seen.at(-1) !== progress.step) {
        expect(progress).toMatchObject({ done: KEY_ROTATION_STAGES.indexOf(progress.step), total: KEY_ROTATION_STAGES.length });
        seen.push(progress.step);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await rotation).toMatchObject({ ok: true });
    // The stages seen are in order, the re-encryption (the long one) among them.
    expect(seen).toContain('re-encrypting');
    expect(seen).toEqual(KEY_ROTATION_STAGES.filter((stage) => seen.includes(stage)));
    expect(await dispatcher.dispatch('app.progress', {})).toEqual({ ok: true, value: null });
  } finally {
    core.close();
  }
});

it('is refused to a caller not signed in', async () => {
  const { core } = await setUpVault(tempDataDir('call-progress-signed-out'));
  core.signOut();
  const { dispatcher } = dispatcherFor(core, 'ui');
  expect(await dispatcher.dispatch('app.progress', {})).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  core.close();
});
