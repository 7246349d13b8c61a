import type { Db } from '../db/connection';
import { prepared } from '../db/prepared';
import { IDLE_MINUTES_DEFAULT, SITE_PREFIX_DEFAULT, type SiteSettings } from '../../shared/contract';

const DEFAULTS: SiteSettings = {
  idleMinutes: IDLE_MINUTES_DEFAULT,
  restrictedOnOpen: false,
  contentProtection: true,
  sitePrefix: SITE_PREFIX_DEFAULT,
  siteName: '',
  clerksMayRefer: false,
};
/** The site-wide settings, which every desk of the site shares (the others, such as backups, are one laptop's). */
export const SITE_SETTING_KEYS: readonly string[] = Object.keys(DEFAULTS);

/** Site-wide settings a supervisor sets, kept in the encrypted database, one row a setting. */
export class SettingsService {
  constructor(private readonly db: Db) {}

  get(): SiteSettings {
    const stored = new Map(
      prepared<[], { key: string; value: string }>(this.db, 'SELECT key, value FROM settings')
        .all()
        .map((row) => [row.key, JSON.parse(row.value) as unknown]),
    );
    const settings: Record<string, unknown> = { ...DEFAULTS };
    for (const key of Object.keys(DEFAULTS)) {
      const value = stored.get(key);
      if (typeof value === typeof DEFAULTS[key as keyof SiteSettings]) settings[key] = value;
    }
    return settings as SiteSettings;
  }

  /** Read at every registration, so one cached statement and one row. */
  sitePrefix(): string {
    const row = prepared<[], { value: string }>(this.db, "SELECT value FROM settings WHERE key = 'sitePrefix'").get();
    const value = row ? (JSON.parse(row.value) as unknown) : undefined;
    return typeof value === 'string' ? value : DEFAULTS.sitePrefix;
  }

  update(changes: Partial<SiteSettings>): SiteSettings {
    const upsert = prepared(this.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) upsert.run(key, JSON.stringify(value));
    })();
    return this.get();
  }
}
