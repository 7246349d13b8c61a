import { useTranslation } from 'react-i18next';
import { RECORD_LIST_FILTERS, type RecordListFilter } from '../../../shared/record-status';
import { SelectField } from '../components/Fields';

/** Which records a list shows: the active ones by default, every record, or those not active. */
export function RecordFilter({ value, onChange }: { value: RecordListFilter; onChange: (value: RecordListFilter) => void }) {
  const { t } = useTranslation();
  return (
    <div className="record-filter">
      <SelectField
        label={t('recordStatus.filter.label')}
        value={value}
        options={RECORD_LIST_FILTERS.map((filter) => ({ value: filter, label: t(`recordStatus.filter.${filter}`) }))}
        onChange={onChange}
      />
    </div>
  );
}
