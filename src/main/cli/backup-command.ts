import type { Method, MethodInput, MethodOutput, RestoreReport } from '../../shared/contract';

type Call = <M extends Method>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M>>;

export const BACKUP_USAGE = `  backup      --data-dir D --user SUPERVISOR --password-stdin --to DIR [--keep N] [--json]
              Back up the vault into a new folder inside DIR (the encrypted database, the key
              slots and a signed manifest), verify it there, and keep the newest N backups in DIR
              (--keep sets N for the site; 5 unless set).
  restore     --from BACKUP --to NEW_DATA_DIR --user SUPERVISOR --password-stdin [--json]
              Check a backup, then restore it into a new or empty data folder and verify it there;
              it opens with the passwords and recovery key valid when it was made.
  restore     --from BACKUP --drill [--data-dir D] --user SUPERVISOR --password-stdin [--json]
              A restore drill: restore into a temporary folder, verify, compare counts, remove it;
              with --data-dir, the drill is recorded in that vault's audit log.`;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `intake backup`: one backup, verified where it was written. */
export async function runBackup(call: Call, input: { to: string; keep?: number; json: boolean }, write: (text: string) => void): Promise<void> {
  if (input.keep !== undefined) await call('backup.setOptions', { generations: input.keep });
  const { generations } = await call('backup.status', {});
  const result = await call('backup.create', { to: input.to });
  if (input.json) {
    write(`${JSON.stringify({ ...result, generations })}\n`);
    return;
  }
  write(
    `Backed up ${result.people} records and ${result.auditEntries} audit entries to ${result.path} (${megabytes(result.bytes)}), ` +
      'verified where it was written.\n',
  );
  if (result.auditLogSound) {
    write(`The newest ${generations} backups are kept in that folder${result.removed.length > 0 ? `; removed: ${result.removed.join(', ')}` : ''}.\n`);
  } else {
    write(`${UNSOUND_AUDIT_LOG} No older backup was removed from that folder.\n`);
  }
}

const UNSOUND_AUDIT_LOG =
  'The audit log in this backup is not sound, as it was in the database when the backup was made (its manifest names the problem). ' +
  "Run 'intake verify' to see what is wrong, and tell the person responsible for data protection at your site.";

/** What `intake restore` prints once a restore or a drill has passed. */
export function restoreText(report: RestoreReport, drill: boolean): string {
  const holds = `${report.people} records and ${report.auditEntries} audit entries (schema version ${report.schemaVersion}), backed up ${report.createdAt}`;
  return (report.auditLogSound ? '' : `${UNSOUND_AUDIT_LOG}\n`) + (drill
    ? `Drill passed: ${report.from} restored into a temporary folder, opened and verified: ${holds}, as its manifest says. The temporary folder was removed.\n`
    : `Restored ${report.from} into ${report.to} and verified it there: ${holds}. Sign in with a password (or the recovery key) valid when the backup was made.\n`);
}
