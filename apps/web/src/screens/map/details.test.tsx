import type { DispatchJob, Vehicle, Vessel, VesselVisit } from '@harbor/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../i18n/index.ts';
import { formatTime } from './format.ts';
import { TruckDetails } from './TruckDetails.tsx';
import { VesselDetails } from './VesselDetails.tsx';

// The panels query the api through tRPC; these stand in for its procedures.
const api = vi.hoisted(() => ({
  vessels: { list: { query: vi.fn() } },
  visits: { list: { query: vi.fn() } },
  dispatch: { list: { query: vi.fn() } },
}));
vi.mock('../../trpc.ts', async (original) => {
  const { fakeTrpc } = await import('../../../test/fake-trpc.ts');
  return { ...(await original<typeof import('../../trpc.ts')>()), ...fakeTrpc(api) };
});

beforeEach(() => {
  for (const procedure of [api.vessels.list, api.visits.list, api.dispatch.list])
    procedure.query.mockReset();
});

function renderPanel(panel: React.ReactNode) {
  void i18n.changeLanguage('en');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>{panel}</I18nextProvider>
    </QueryClientProvider>,
  );
}

/** The panel's facts as label → value. */
function facts(): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const dt of document.querySelectorAll('dl.map-facts dt'))
    entries[dt.textContent ?? ''] = dt.nextElementSibling?.textContent ?? '';
  return entries;
}

const page = <T,>(items: T[]) => ({ items, nextCursor: null });

const cosco: Vessel = {
  id: 'vsl-1',
  mmsi: 477123400,
  imo: 9795610,
  callSign: 'VRQE7',
  name: 'COSCO SHIPPING LEO',
  shipType: 71,
  lengthM: 400,
  beamM: 58.6,
  draughtM: 14.5,
  flag: 'HK',
  destination: 'CNSHA YANGSHAN',
  curated: {
    name: 'COSCO SHIPPING LEO',
    callSign: 'VRQE7',
    imo: 9795610,
    shipType: 71,
    lengthM: 400,
    beamM: 58.6,
    draughtM: 14.5,
    flag: 'HK',
    destination: 'CNSHA YANGSHAN',
  },
  ais: null,
  discrepancies: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-25T07:00:00.000Z',
};
// The vessel search also matches other vessels (part of a name, an IMO number).
const otherVessel: Vessel = { ...cosco, id: 'vsl-2', mmsi: 477123401, name: 'COSCO LEO II' };

function visitOf(vessel: Vessel, fields: Partial<VesselVisit>): VesselVisit {
  return {
    id: `visit-${vessel.mmsi}`,
    vessel: {
      id: vessel.id,
      mmsi: vessel.mmsi,
      imo: vessel.imo,
      name: vessel.name,
      callSign: vessel.callSign,
      lengthM: vessel.lengthM,
      draughtM: vessel.draughtM,
      aisEta: '2026-11-25T14:30:00.000Z',
      discrepancies: vessel.discrepancies,
    },
    portId: 'port-shanghai',
    terminalId: 'term-ysp4',
    terminalCode: 'YSP4',
    berthId: 'berth-y4-03',
    berthCode: 'Y4-03',
    plannedBerthId: 'berth-y4-03',
    plannedBerthCode: 'Y4-03',
    actualBerthId: null,
    actualBerthCode: null,
    isBerthChanged: false,
    voyageNumber: '052E',
    status: 'APPROACHING',
    eta: '2026-11-25T14:00:00.000Z',
    predictedEta: null,
    predictedPilotEta: null,
    arrivedAt: null,
    anchoredAt: null,
    ata: null,
    etd: '2026-11-26T10:00:00.000Z',
    atd: null,
    createdAt: '2026-11-20T00:00:00.000Z',
    updatedAt: '2026-11-25T07:00:00.000Z',
    ...fields,
  };
}

describe('VesselDetails', () => {
  it('shows the AIS static data, the open visit and the AIS ETA of the chosen vessel', async () => {
    api.vessels.list.query.mockResolvedValue(page([otherVessel, cosco]));
    api.visits.list.query.mockResolvedValue(
      page([visitOf(otherVessel, { status: 'BERTHED', berthCode: 'Y4-01' }), visitOf(cosco, {})]),
    );
    renderPanel(<VesselDetails mmsi="477123400" />);

    expect(await screen.findByRole('heading', { name: 'COSCO SHIPPING LEO' })).toBeTruthy();
    await screen.findByText('Approaching · YSP4 Y4-03');
    expect(facts()).toEqual({
      MMSI: '477123400',
      IMO: '9795610',
      'Call sign': 'VRQE7',
      'Ship type': '71 · Cargo',
      Dimensions: '400 × 58.6 m, draught 14.5 m',
      Flag: 'HK',
      Destination: 'CNSHA YANGSHAN',
      'AIS ETA': formatTime('2026-11-25T14:30:00.000Z', 'en'),
      'AIS static data': '—',
      'Current visit': 'Approaching · YSP4 Y4-03',
    });
    expect(screen.queryByTestId('vessel-discrepancies')).toBeNull();
    expect(api.vessels.list.query).toHaveBeenCalledWith({ search: '477123400', limit: 5 });
    expect(api.visits.list.query).toHaveBeenCalledWith({
      statuses: ['PLANNED', 'APPROACHING', 'AT_ANCHOR', 'BERTHING', 'BERTHED', 'SHIFTING'],
      limit: 500,
    });
  });

  it('shows where the AIS disagrees with the port, with both values, and keeps the port values', async () => {
    const spoofed: Vessel = {
      ...cosco,
      ais: {
        name: 'TINY FEEDER',
        callSign: 'SPOOF1',
        imo: 9074729,
        shipType: 52,
        lengthM: 120,
        beamM: 20,
        draughtM: 5,
        destination: 'NOWHERE',
        eta: null,
        reportedAt: '2026-11-25T06:00:00.000Z',
      },
      discrepancies: [
        { field: 'imo', curated: 9795610, ais: 9074729 },
        { field: 'lengthM', curated: 400, ais: 120 },
      ],
    };
    api.vessels.list.query.mockResolvedValue(page([spoofed]));
    api.visits.list.query.mockResolvedValue(page([]));
    renderPanel(<VesselDetails mmsi="477123400" />);

    const table = await screen.findByRole('region', { name: 'AIS reports other particulars' });
    const rows = [...table.querySelectorAll('tbody tr')].map((row) =>
      [...row.children].map((cell) => cell.textContent),
    );
    expect(rows).toEqual([
      ['IMO number', '9795610', '9074729'],
      ['Length', '400 m', '120 m'],
    ]);
    const shown = facts();
    expect(shown.IMO).toBe('9795610');
    expect(shown.Dimensions).toBe('400 × 58.6 m, draught 14.5 m');
    expect(shown['AIS static data']).toBe(formatTime('2026-11-25T06:00:00.000Z', 'en'));
  });

  it('marks the values of a vessel known from its AIS only', async () => {
    const heard: Vessel = {
      ...cosco,
      name: 'NEW ARRIVAL',
      imo: 9074729,
      flag: null,
      curated: {
        name: null,
        callSign: null,
        imo: null,
        shipType: null,
        lengthM: null,
        beamM: null,
        draughtM: null,
        flag: null,
        destination: null,
      },
      ais: {
        name: 'NEW ARRIVAL',
        callSign: 'VRQE7',
        imo: 9074729,
        shipType: 71,
        lengthM: 400,
        beamM: 58.6,
        draughtM: 14.5,
        destination: 'CNSHA YANGSHAN',
        eta: '2026-11-26T08:00:00.000Z',
        reportedAt: '2026-11-25T06:00:00.000Z',
      },
    };
    api.vessels.list.query.mockResolvedValue(page([heard]));
    api.visits.list.query.mockResolvedValue(page([]));
    renderPanel(<VesselDetails mmsi="477123400" />);
    expect(await screen.findByRole('heading', { name: 'NEW ARRIVAL (AIS)' })).toBeTruthy();
    expect(facts()).toMatchObject({
      IMO: '9074729 (AIS)',
      Dimensions: '400 × 58.6 m, draught 14.5 m (AIS)',
      Flag: '—',
      'AIS ETA': formatTime('2026-11-26T08:00:00.000Z', 'en'),
    });
  });

  it('says when the vessel has no open visit', async () => {
    api.vessels.list.query.mockResolvedValue(page([cosco]));
    api.visits.list.query.mockResolvedValue(page([visitOf(otherVessel, {})]));
    renderPanel(<VesselDetails mmsi="477123400" />);
    await screen.findByRole('heading', { name: 'COSCO SHIPPING LEO' });
    expect(await screen.findByText('No open visit.')).toBe(screen.getByTestId('asset-visit'));
    expect(facts()['AIS ETA']).toBe('—');
  });

  it('shows the MMSI alone for a vessel Harbor does not know', async () => {
    api.vessels.list.query.mockResolvedValue(page([otherVessel]));
    api.visits.list.query.mockResolvedValue(page([]));
    renderPanel(<VesselDetails mmsi="413999000" />);
    expect(await screen.findByRole('heading', { name: '413999000' })).toBeTruthy();
    expect(screen.getByText('Harbor has no record of this asset.')).toBeTruthy();
    const shown = facts();
    expect(shown.MMSI).toBe('413999000');
    expect(shown.IMO).toBe('—');
    expect(shown.Dimensions).toBe('—');
  });

  it('shows loading, then an error with a retry that asks again', async () => {
    api.vessels.list.query.mockRejectedValueOnce(new Error('api unreachable'));
    api.visits.list.query.mockResolvedValue(page([]));
    renderPanel(<VesselDetails mmsi="477123400" />);
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('api unreachable');

    api.vessels.list.query.mockResolvedValue(page([cosco]));
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'COSCO SHIPPING LEO' })).toBeTruthy();
    expect(api.vessels.list.query).toHaveBeenCalledTimes(2);
  });
});

const truck: Vehicle = {
  id: 'veh-1',
  organizationId: 'org-donghai',
  plate: '沪D12345',
  vin: 'LZZ1CLVB8NA123456',
  model: 'Sinotruk HOWO T7H',
  modelZh: null,
  status: 'ON_JOB',
  manualStatus: 'AVAILABLE',
  terminalPhone: '013917000003',
  position: null,
  currentJob: { id: 'job-42', reference: 'DH-2026/0042', status: 'EN_ROUTE_PICKUP' },
  driver: { id: 'drv-1', name: 'Zhang Wei' },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-25T07:00:00.000Z',
};

const activeJob: DispatchJob = {
  id: 'job-42',
  organizationId: 'org-donghai',
  reference: 'DH-2026/0042',
  kind: 'CONTAINER_MOVE',
  status: 'EN_ROUTE_PICKUP',
  containerNumber: 'CSQU3054383',
  pickupZone: { id: 'z1', code: 'YSP4-G1', name: 'Yangshan Phase IV gate 1', nameZh: null },
  dropoffZone: { id: 'z2', code: 'LG-DEPOT', name: 'Lingang empty depot', nameZh: null },
  windowStart: '2026-11-25T08:00:00.000Z',
  windowEnd: '2026-11-25T10:00:00.000Z',
  vehicle: { id: 'veh-1', plate: '沪D12345' },
  driver: { id: 'drv-1', name: 'Zhang Wei' },
  deliveredAt: null,
  requiresProofPhoto: false,
  note: null,
  createdAt: '2026-11-24T08:00:00.000Z',
  updatedAt: '2026-11-25T07:30:00.000Z',
};

describe('TruckDetails', () => {
  it('shows the plate, model, status, driver and the job the truck is on', async () => {
    api.dispatch.list.query.mockResolvedValue(page([activeJob]));
    renderPanel(<TruckDetails assetKey="013917000003" vehicle={truck} />);
    expect(screen.getByRole('heading', { name: '沪D12345' })).toBeTruthy();
    expect(
      await screen.findByText('DH-2026/0042 · YSP4-G1 → LG-DEPOT · EN_ROUTE_PICKUP'),
    ).toBeTruthy();
    expect(facts()).toEqual({
      Plate: '沪D12345',
      Model: 'Sinotruk HOWO T7H',
      'Truck status': 'On a job',
      Driver: 'Zhang Wei',
      Job: 'DH-2026/0042 · YSP4-G1 → LG-DEPOT · EN_ROUTE_PICKUP',
    });
    expect(api.dispatch.list.query).toHaveBeenCalledWith({
      vehicleId: 'veh-1',
      status: ['ASSIGNED', 'EN_ROUTE_PICKUP', 'AT_PICKUP', 'LOADED', 'EN_ROUTE_DROPOFF'],
      limit: 5,
    });
  });

  it('shows the job as pending while it loads, then no active job', async () => {
    let answer: (value: unknown) => void = () => {};
    api.dispatch.list.query.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    renderPanel(
      <TruckDetails
        assetKey="013917000003"
        vehicle={{ ...truck, status: 'AVAILABLE', currentJob: null, driver: null, model: null }}
      />,
    );
    expect(screen.getByTestId('asset-job').textContent).toBe('…');
    answer(page([]));
    expect(await screen.findByText('No active job.')).toBeTruthy();
    const shown = facts();
    expect(shown.Driver).toBe('—');
    expect(shown.Model).toBe('—');
    expect(shown['Truck status']).toBe('Available');
  });

  it('shows the terminal number of a truck Harbor does not know, without asking for jobs', () => {
    renderPanel(<TruckDetails assetKey="013917000099" vehicle={undefined} />);
    expect(screen.getByRole('heading', { name: '013917000099' })).toBeTruthy();
    expect(screen.getByText('Harbor has no record of this asset.')).toBeTruthy();
    expect(screen.queryByText('Driver')).toBeNull();
    expect(api.dispatch.list.query).not.toHaveBeenCalled();
  });
});
