import type { Db } from '../db/connection';
import { IDLE_MINUTES_DEFAULT, type SiteSettings } from '../../shared/contract';

/** Site-wide settings a supervisor sets, kept in the encrypted database. */
export class SettingsService {
  constructor(private readonly db: Db) {}

  get(): SiteSettings {
    const row = this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get('idleMinutes');
    return { idleMinutes: row ? Number(row.value) : IDLE_MINUTES_DEFAULT };
  }

  update(settings: SiteSettings): SiteSettings {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run('idleMinutes', String(settings.idleMinutes));
    return this.get();
  }
}
