import type { Alert } from '@harbor/shared';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { AlertItem } from './AlertItem.tsx';

const acknowledged: Alert = {
  id: '0b0c5a8e-7d0e-4c55-9a43-3f1f4b3f6a01',
  organizationId: null,
  ruleId: '0b0c5a8e-7d0e-4c55-9a43-3f1f4b3f6a02',
  kind: 'SPEEDING',
  severity: 'WARNING',
  assetKind: 'VEHICLE',
  assetKey: '013917000012',
  zoneId: null,
  message: 'Truck 013917000012 at 46.3 km/h in YSP4-Y01 (limit 25 km/h)',
  data: { zoneCode: 'YSP4-Y01', speedKnots: 25, limitKnots: 13.5, speedKmh: 46.3, limitKmh: 25 },
  raisedAt: '2026-12-05T02:00:00.000Z',
  acknowledgedAt: '2026-12-05T02:10:00.000Z',
  acknowledgedById: '0b0c5a8e-7d0e-4c55-9a43-3f1f4b3f6a03',
  asset: { kind: 'VEHICLE', key: '013917000012', plate: '沪DF00012', name: null, mmsi: null },
  zone: null,
  rule: {
    id: '0b0c5a8e-7d0e-4c55-9a43-3f1f4b3f6a02',
    name: 'Truck over the limit in a terminal',
    nameZh: '集卡在码头内超速',
  },
  acknowledgedBy: { id: '0b0c5a8e-7d0e-4c55-9a43-3f1f4b3f6a03', name: '王调度' },
  acknowledgeComment: '已提醒司机',
};

function show(alert: Alert, language: string) {
  void i18n.changeLanguage(language);
  render(
    <I18nextProvider i18n={i18n}>
      <MemoryRouter>
        <ul>
          <AlertItem
            alert={alert}
            isFresh={false}
            canAcknowledge
            isSelected={false}
            isAcknowledging={false}
            onSelect={() => {}}
            onAcknowledge={() => {}}
          />
        </ul>
      </MemoryRouter>
    </I18nextProvider>,
  );
}

describe('an alert in the list', () => {
  it('shows the plate, the rule in Chinese, who acknowledged it and what they said, and links to the map', () => {
    show(acknowledged, 'zh-CN');
    const item = screen.getByRole('listitem');
    expect(item.textContent).toContain('沪DF00012 在YSP4-Y01内车速 46.3 公里/小时');
    expect(item.textContent).toContain('规则：集卡在码头内超速');
    expect(item.textContent).toContain('王调度 已于');
    expect(item.textContent).toContain('已提醒司机');
    expect(item.textContent).not.toContain('013917000012');
    expect(screen.getByRole('link', { name: /^在地图上查看/ }).getAttribute('href')).toBe(
      '/map?asset=VEHICLE:013917000012&at=2026-12-05T02:00:00.000Z',
    );
    // Acknowledged: nothing left to select or acknowledge.
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers an open alert to select and acknowledge, named by what it says', () => {
    show(
      { ...acknowledged, acknowledgedAt: null, acknowledgedBy: null, acknowledgedById: null },
      'en',
    );
    const text = '沪DF00012 at 46.3 km/h in YSP4-Y01 (limit 25 km/h)';
    expect(screen.getByRole('checkbox', { name: `Select: ${text}` })).toBeTruthy();
    expect(screen.getByRole('button', { name: `Acknowledge: ${text}` })).toBeTruthy();
  });
});
