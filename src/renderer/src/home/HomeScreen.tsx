import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordListFilter } from '../../../shared/record-status';
import { RecordFilter } from '../people/RecordFilter';
import { BackupReminder } from '../backups/BackupReminder';
import { LastExchanged } from '../exchange/LastExchanged';
import { useExchangeStatus } from '../exchange/useExchangeStatus';
import type { Role } from '../../../shared/roles';
import { REGISTER_SHORTCUT } from '../hooks/useRegisterShortcut';
import { mayRegister } from '../people/rights';
import { useNavigate } from '../shell/navigation';
import { PersonSearch } from './PersonSearch';
import { RecentList } from './RecentList';
import { KeptDraftsOffer } from '../registration/KeptDraftsOffer';

/**
 * Find before register: one search box, the newest registrations, and (for the desk roles)
 * registering. Both lists show the active records unless the filter asks for the others.
 */
export function HomeScreen({ role }: { role: Role }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { status: exchange } = useExchangeStatus();
  const [show, setShow] = useState<RecordListFilter>('active');
  return (
    <section aria-labelledby="home-title" className="home">
      <div className="screen-header">
        <h1 id="home-title">{mayRegister(role) ? t('home.title') : t('home.findTitle')}</h1>
        {mayRegister(role) && (
          <button
            type="button"
            className="button button-primary"
            aria-keyshortcuts={REGISTER_SHORTCUT.aria}
            onClick={() => navigate({ name: 'register' })}
          >
            {t('home.register')}
            <kbd aria-hidden="true">{REGISTER_SHORTCUT.label}</kbd>
          </button>
        )}
      </div>
      <LastExchanged status={exchange} />
      {mayRegister(role) && <KeptDraftsOffer />}
      {role === 'supervisor' && <BackupReminder />}
      <RecordFilter value={show} onChange={setShow} />
      <PersonSearch offerRegister={mayRegister(role)} show={show} />
      <RecentList key={show} show={show} />
    </section>
  );
}
