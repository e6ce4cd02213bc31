import type { Position } from '@harbor/shared';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { AssetSearch } from './AssetSearch.tsx';
import type { MapAsset } from './asset-list.ts';
import { LivePosition } from './LivePosition.tsx';
import { PositionStore } from './position-store.ts';
import { useStoredPosition } from './use-asset-entry.ts';

const truckFix = (second: number, lat: number): Position => ({
  assetKind: 'VEHICLE',
  assetKey: '013917000003',
  fixAt: new Date(Date.UTC(2026, 10, 25, 8, 0, second)).toISOString(),
  lat,
  lon: 122.0638612,
  speedKnots: 10,
  courseDeg: 349,
  headingDeg: null,
  status: 'ACC_ON',
  source: 'JT808',
});

function withI18n(children: React.ReactNode) {
  void i18n.changeLanguage('en');
  return <I18nextProvider i18n={i18n}>{children}</I18nextProvider>;
}

function LiveTruck({ store }: { store: PositionStore }) {
  return <LivePosition position={useStoredPosition(store, 'VEHICLE:013917000003')} />;
}

describe('LivePosition', () => {
  it('shows 5 decimals and the fix time, and follows the store live', () => {
    const store = new PositionStore();
    store.applyBatch([truckFix(1, 30.6328312)]);
    render(withI18n(<LiveTruck store={store} />));
    expect(screen.getByTestId('asset-lat').textContent).toBe('30.63283');
    expect(screen.getByTestId('asset-lon').textContent).toBe('122.06386');
    expect(screen.getByTestId('asset-fix-at').getAttribute('datetime')).toBe(
      '2026-11-25T08:00:01.000Z',
    );
    expect(screen.getByText('18.5 km/h')).toBeTruthy();
    expect(screen.getByText('Ignition on')).toBeTruthy();
    act(() => {
      store.applyBatch([truckFix(31, 30.6400049)]);
    });
    expect(screen.getByTestId('asset-lat').textContent).toBe('30.64000');
    expect(screen.getByTestId('asset-fix-at').getAttribute('datetime')).toBe(
      '2026-11-25T08:00:31.000Z',
    );
  });

  it('names AIS navigational statuses and shows an unknown status as reported', () => {
    const vessel: Position = {
      ...truckFix(1, 30.6),
      assetKind: 'VESSEL',
      assetKey: '413727736',
      status: 'AT_ANCHOR',
      source: 'AIS',
    };
    const { rerender } = render(withI18n(<LivePosition position={vessel} />));
    expect(screen.getByText('At anchor')).toBeTruthy();
    rerender(withI18n(<LivePosition position={{ ...vessel, status: 'RESERVED_9' }} />));
    expect(screen.getByText('RESERVED_9')).toBeTruthy();
  });

  it('says when no position has come yet', () => {
    render(withI18n(<LivePosition position={null} />));
    expect(screen.getByText('No position received yet.')).toBeTruthy();
  });
});

const haigang: MapAsset = {
  id: 'VESSEL:413727736',
  kind: 'VESSEL',
  assetKey: '413727736',
  label: 'HAIGANG 38',
  keys: ['HAIGANG38', '413727736'],
  company: null,
  position: { ...truckFix(1, 30.6), assetKind: 'VESSEL', assetKey: '413727736', source: 'AIS' },
};
const unheard: MapAsset = {
  id: 'VEHICLE:013917000099',
  kind: 'VEHICLE',
  assetKey: '013917000099',
  label: '沪DF00099',
  keys: ['沪DF00099', '013917000099'],
  company: null,
  position: null,
};

describe('AssetSearch', () => {
  it('is labelled and chooses the first match on Enter', () => {
    const onChoose = vi.fn();
    render(withI18n(<AssetSearch assets={[haigang, unheard]} onChoose={onChoose} />));
    const input = screen.getByLabelText('Find vessel or truck');
    expect(input).toBe(screen.getByTestId('asset-search'));
    fireEvent.change(input, { target: { value: 'haigang' } });
    expect(screen.getByRole('button', { name: 'Vessel HAIGANG 38 (413727736)' })).toBeTruthy();
    fireEvent.submit(input);
    expect(onChoose).toHaveBeenCalledWith(haigang);
  });

  it('offers an asset never heard of as having no position yet', () => {
    render(withI18n(<AssetSearch assets={[haigang, unheard]} onChoose={vi.fn()} />));
    fireEvent.change(screen.getByTestId('asset-search'), { target: { value: '00099' } });
    const match = screen.getByRole('button', { name: 'Truck 沪DF00099 · no position yet' });
    expect(match.getAttribute('data-has-position')).toBe('false');
  });

  it('says when nothing matches', () => {
    render(withI18n(<AssetSearch assets={[]} onChoose={vi.fn()} />));
    fireEvent.change(screen.getByTestId('asset-search'), { target: { value: 'nothing' } });
    expect(screen.getByText('No vessel or truck matches “nothing”.')).toBeTruthy();
  });
});
