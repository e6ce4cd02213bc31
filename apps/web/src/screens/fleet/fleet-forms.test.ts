import { describe, expect, it } from 'vitest';
import {
  checkDriverEdit,
  checkNewShift,
  checkNewTerminal,
  checkNewVehicle,
  checkVehicleEdit,
  dayRange,
  invalidFromApi,
  lastHeardAt,
  localModel,
  vehicleForm,
} from './fleet-forms.ts';

const ID = '11111111-1111-4111-8111-111111111111';

describe('the fleet forms', () => {
  it('take a Chinese plate and a VIN, and mark each bad field with its one message', () => {
    const form = { ...vehicleForm(null), plate: '沪d12345', vin: 'LZZ1CLVB8NA123456' };
    expect(checkNewVehicle(form)).toEqual({
      ok: true,
      input: {
        plate: '沪d12345',
        vin: 'LZZ1CLVB8NA123456',
        model: '',
        modelZh: '',
        status: 'AVAILABLE',
      },
    });
    // A VIN with an O, a plate that is neither Chinese nor foreign: one key per field.
    expect(checkNewVehicle({ ...form, plate: '沪', vin: 'LZZ1CLVB8NA12345O' })).toEqual({
      ok: false,
      invalid: { plate: 'invalid.plate', vin: 'invalid.vin' },
    });
    // An empty VIN is no VIN on a new vehicle, and clears it on an edit.
    expect(checkNewVehicle({ ...form, vin: '' }).ok).toBe(true);
    const edit = checkVehicleEdit(ID, { ...form, vin: '', modelZh: '' });
    expect(edit.ok && edit.input).toMatchObject({ id: ID, vin: null, modelZh: '' });
  });

  it('clear a driver’s phone and vehicle when emptied, and refuse a bad phone', () => {
    const form = { name: 'Li Wei', phone: '', licenseNumber: '', currentVehicleId: '' };
    const cleared = checkDriverEdit(ID, form);
    expect(cleared.ok && cleared.input).toEqual({
      id: ID,
      name: 'Li Wei',
      phone: null,
      licenseNumber: null,
      currentVehicleId: null,
    });
    expect(checkDriverEdit(ID, { ...form, name: ' ', phone: '12345' })).toEqual({
      ok: false,
      invalid: { name: 'invalid.name', phone: 'invalid.phone' },
    });
  });

  it('take a terminal phone of 12 or 20 digits', () => {
    expect(checkNewTerminal({ terminalPhone: '013917000001', vehicleId: '' }).ok).toBe(true);
    expect(checkNewTerminal({ terminalPhone: '01391700000100000001', vehicleId: '' }).ok).toBe(
      true,
    );
    expect(checkNewTerminal({ terminalPhone: '13917000001', vehicleId: '' })).toEqual({
      ok: false,
      invalid: { terminalPhone: 'invalid.terminalPhone' },
    });
  });

  it('say which rule a shift’s end breaks', () => {
    const shift = { driverId: ID, vehicleId: '', startsAt: '2026-11-25T08:00', endsAt: '' };
    expect(checkNewShift({ ...shift, driverId: '' })).toEqual({
      ok: false,
      invalid: { driverId: 'invalid.driverId', endsAt: 'invalid.endsAt' },
    });
    expect(checkNewShift({ ...shift, endsAt: '2026-11-25T07:00' })).toEqual({
      ok: false,
      invalid: { endsAt: 'invalid.endsBeforeStart' },
    });
    expect(checkNewShift({ ...shift, endsAt: '2026-11-26T09:00' })).toEqual({
      ok: false,
      invalid: { endsAt: 'invalid.tooLong' },
    });
    const planned = checkNewShift({ ...shift, endsAt: '2026-11-25T16:00' });
    expect(planned.ok && planned.input).toEqual({
      driverId: ID,
      vehicleId: undefined,
      startsAt: new Date('2026-11-25T08:00').toISOString(),
      endsAt: new Date('2026-11-25T16:00').toISOString(),
    });
  });

  it('put the api’s field errors on their fields', () => {
    expect(invalidFromApi({ plate: ['plate is like 沪D12345'], 'vin.0': ['x'] })).toEqual({
      plate: 'invalid.plate',
      vin: 'invalid.vin',
    });
  });
});

describe('what the fleet tables show', () => {
  it('a day as the instants it runs between, in the browser’s zone', () => {
    const { from, to } = dayRange('2026-11-25');
    expect(from).toBe(new Date('2026-11-25T00:00').toISOString());
    expect(Date.parse(to) - Date.parse(from)).toBe(24 * 3_600_000);
  });

  it('the model in Chinese in zh-CN where there is one', () => {
    const howo = { model: 'Sinotruk HOWO T7H', modelZh: '中国重汽豪沃 T7H' };
    expect(localModel(howo, 'zh-CN')).toBe('中国重汽豪沃 T7H');
    expect(localModel(howo, 'en')).toBe('Sinotruk HOWO T7H');
    expect(localModel({ model: 'FAW J6P', modelZh: null }, 'zh-CN')).toBe('FAW J6P');
    expect(localModel({ model: null, modelZh: null }, 'zh-CN')).toBe('');
  });

  it('a terminal last seen at the later of its authentication and its last report', () => {
    const auth = '2026-11-25T08:00:00.000Z';
    const fix = '2026-11-25T08:05:00.000Z';
    expect(lastHeardAt({ lastSeenAt: auth, lastFixAt: fix })).toBe(fix);
    expect(lastHeardAt({ lastSeenAt: fix, lastFixAt: auth })).toBe(fix);
    expect(lastHeardAt({ lastSeenAt: auth, lastFixAt: null })).toBe(auth);
    expect(lastHeardAt({ lastSeenAt: null, lastFixAt: null })).toBeNull();
  });
});
