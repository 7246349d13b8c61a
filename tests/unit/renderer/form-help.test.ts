import { beforeEach, describe, expect, it, vi } from 'vitest';

/** A browser's storage for one test: what the laptop keeps between sessions. */
function stubStorage(refuses = false): Map<string, string> {
  const kept = new Map<string, string>();
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (key: string) => {
        if (refuses) throw new Error('storage refused');
        return kept.get(key) ?? null;
      },
      setItem: (key: string, value: string) => {
        if (refuses) throw new Error('storage refused');
        kept.set(key, value);
      },
    },
  });
  return kept;
}

async function freshModule() {
  vi.resetModules();
  return import('../../../src/renderer/src/registration/form-help');
}

describe("help under the person form's fields: shown until the first registration on this laptop (issue 15)", () => {
  beforeEach(() => {
    vi.unstubAllGlobals();
  });

  it('is shown on a laptop that has saved no registration, then hidden behind the info buttons', async () => {
    stubStorage();
    const help = await freshModule();
    expect(help.formHelpShown()).toBe(true);
    help.markFirstRegistrationSaved();
    expect(help.formHelpShown()).toBe(false);
  });

  it("keeps the clerk's choice: a registration saved later does not hide help chosen to be shown", async () => {
    const kept = stubStorage();
    const help = await freshModule();
    help.markFirstRegistrationSaved();
    help.setFormHelpShown(true);
    help.markFirstRegistrationSaved();
    expect(help.formHelpShown()).toBe(true);
    expect([...kept.values()]).toEqual(['shown']);
  });

  it('keeps only the interface preference, under one key', async () => {
    const kept = stubStorage();
    const help = await freshModule();
    help.markFirstRegistrationSaved();
    expect([...kept.entries()]).toEqual([['intake.form-help', 'hidden']]);
  });

  it('still follows the rule for this session when the storage refuses it', async () => {
    stubStorage(true);
    const help = await freshModule();
    expect(help.formHelpShown()).toBe(true);
    help.markFirstRegistrationSaved();
    expect(help.formHelpShown()).toBe(false);
  });
});
