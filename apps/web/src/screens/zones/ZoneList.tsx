import type { Zone } from '@harbor/shared';
import { useTranslation } from 'react-i18next';
import { localName } from '../../ui/local-name.ts';

/** Zones whose code or names hold the text (any case), of the kind when one is chosen. */
export function filterZones(zones: readonly Zone[], text: string, kind: string): Zone[] {
  const needle = text.trim().toLowerCase();
  return zones.filter(
    (zone) =>
      (kind === '' || zone.kind === kind) &&
      (needle === '' ||
        [zone.code, zone.name, zone.nameZh ?? ''].some((s) => s.toLowerCase().includes(needle))),
  );
}

/** The zones found, each a button that selects it. */
export function ZoneList({
  zones,
  selectedId,
  onSelect,
}: {
  zones: readonly Zone[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('zones');
  if (zones.length === 0) return <p className="state">{t('none')}</p>;
  return (
    <ul className="zones-list" aria-label={t('listLabel')} data-testid="zone-list">
      {zones.map((zone) => (
        <li key={zone.id}>
          <button
            type="button"
            aria-pressed={zone.id === selectedId}
            onClick={() => onSelect(zone.id)}
            data-testid="zone-item"
          >
            <strong>{zone.code}</strong> {localName(zone, i18n.language)}
            <span className="zones-kind">{t(`map:zoneKind.${zone.kind}`)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
