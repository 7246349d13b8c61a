/**
 * What `intake backup` prints about the backup it made, from its answer alone: a backup of a
 * database whose audit log is not sound says so, and does not claim that only the newest are kept.
 */
import { describe, expect, it } from 'vitest';
import { runBackup } from '../../../src/main/cli/backup-command';
import type { Method, MethodInput, MethodOutput } from '../../../src/shared/contract';

function printed(auditLogSound: boolean): Promise<string> {
  const answers = {
    'backup.status': { generations: 2 },
    'backup.create': { path: '/media/usb/intake-backup-x', name: 'intake-backup-x', createdAt: '2026-11-30T10:00:00.000Z', people: 3, auditEntries: 9, auditLogSound, bytes: 4096, removed: [] },
  };
  const call = <M extends Method>(method: M, _input: MethodInput<M>): Promise<MethodOutput<M>> =>
    Promise.resolve(answers[method as keyof typeof answers] as unknown as MethodOutput<M>);
  let text = '';
  return runBackup(call, { to: '/media/usb', json: false }, (part) => (text += part)).then(() => text);
}

describe('intake backup, as text', () => {
  it('says the audit log the backup holds is not sound, and that no older backup was removed', async () => {
    const text = await printed(false);
    expect(text).toContain('The audit log in this backup is not sound');
    expect(text).toContain('No older backup was removed');
    expect(text).not.toContain('The newest 2 backups are kept');
  });

  it('says nothing of the audit log for a sound one, and how many are kept', async () => {
    const text = await printed(true);
    expect(text).not.toContain('audit log');
    expect(text).toContain('The newest 2 backups are kept in that folder.');
  });
});
