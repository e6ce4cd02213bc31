import type { Terminal, Zone } from '@harbor/shared';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localName } from '../../ui/local-name.ts';
import { zoneGroups } from './zone-options.ts';

/**
 * A zone for a job's pickup or drop-off: a search box over a list grouped by terminal and
 * kind, offering only where a truck loads or unloads (zone-options.ts), named in the
 * user's language. The list keeps the chosen zone selected; `id` labels the list.
 */
export function ZonePicker({
  id,
  label,
  name,
  value,
  zones,
  terminals,
  isInvalid,
  onChange,
}: {
  id: string;
  label: string;
  name: string;
  value: string;
  zones: readonly Zone[];
  terminals: readonly Terminal[];
  isInvalid: boolean;
  onChange: (code: string) => void;
}) {
  const { t, i18n } = useTranslation('dispatch');
  const [search, setSearch] = useState('');
  const language = i18n.language;
  const groups = useMemo(
    () =>
      zoneGroups(zones, terminals, search, {
        kind: (kind) => t(`zoneKind.${kind}`),
        name: (named) => localName(named, language),
      }),
    [zones, terminals, search, t, language],
  );
  const chosen = zones.find((zone) => zone.code === value);
  const shown = groups.some((group) => group.zones.some((zone) => zone.code === value));
  const zoneText = (zone: Zone) => `${zone.code} · ${localName(zone, language)}`;
  return (
    <div className="dispatch-zone-picker">
      <input
        type="search"
        aria-label={t('zonePicker.search', { field: label })}
        placeholder={t('zonePicker.placeholder')}
        value={search}
        maxLength={40}
        onChange={(event) => setSearch(event.target.value)}
      />
      <select
        id={id}
        name={name}
        size={6}
        value={value}
        aria-invalid={isInvalid ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {chosen && !shown ? <option value={chosen.code}>{zoneText(chosen)}</option> : null}
        {groups.map((group) => (
          <optgroup
            key={group.key}
            label={t('zonePicker.group', {
              place: group.terminal
                ? localName(group.terminal, language)
                : t('zonePicker.portWide'),
              kind: t(`zoneKind.${group.kind}`),
            })}
          >
            {group.zones.map((zone) => (
              <option key={zone.id} value={zone.code}>
                {zoneText(zone)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {groups.length === 0 ? <span className="hint">{t('zonePicker.noMatch')}</span> : null}
      {chosen ? (
        <span className="hint" data-testid={`${name}-chosen`}>
          {t('zonePicker.chosen', { zone: zoneText(chosen) })}
        </span>
      ) : null}
    </div>
  );
}
