import { cleanup, render, screen } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.ts';
import { fieldErrors } from '../trpc.ts';
import { ErrorText, errorText } from './error-text.tsx';
import { formatDateTime } from './format.ts';

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('en');
});

/** A failed call as the tRPC client hands it to a screen. */
function failed(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({
    error: { message, code: -32009, data: { code: 'CONFLICT', httpStatus: 409, ...data } },
  });
}

const busy = failed('沪D12345 is on job J-7 (LOADED)', {
  reason: 'vehicle.on-another-job',
  params: { plate: '沪D12345', reference: 'J-7', status: 'LOADED' },
});

describe('errorText', () => {
  it('says a known reason in the chosen language, with its values', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(errorText(busy)).toBe('沪D12345 正在执行任务 J-7（已装箱）。');
    await i18n.changeLanguage('en');
    expect(errorText(busy)).toBe('沪D12345 is on job J-7 (Loaded).');
  });

  it('says what is wrong with the fields in the chosen language, never the api’s English', async () => {
    const invalid = failed('eta: Invalid ISO datetime; name: Too small', {
      code: 'BAD_REQUEST',
      reason: 'input.invalid',
      fieldErrors: { eta: ['Invalid ISO datetime'], name: ['Too small', 'Invalid'] },
      fieldIssues: {
        eta: [{ code: 'invalid-format', params: { format: 'datetime' } }],
        name: [
          { code: 'too-small', params: { origin: 'string', minimum: 3 } },
          { code: 'invalid' },
        ],
      },
    });
    await i18n.changeLanguage('zh-CN');
    expect(errorText(invalid)).toBe('请检查输入：日期时间格式不正确。 至少 3 个字符。');
    // A field says one thing at a time: its first issue.
    expect(fieldErrors(invalid)).toEqual({
      eta: ['日期时间格式不正确。'],
      name: ['至少 3 个字符。'],
    });
    await i18n.changeLanguage('en');
    expect(fieldErrors(invalid).name).toEqual(['At least 3 characters.']);
    const checkDigit = failed('check digit of CSQU305438 is 3, not 4', {
      code: 'BAD_REQUEST',
      reason: 'input.invalid',
      fieldIssues: {
        containerNumber: [{ code: 'rule.container-check-digit', params: { expected: 3 } }],
      },
    });
    expect(fieldErrors(checkDigit)).toEqual({ containerNumber: ['The check digit should be 3.'] });
  });

  it('puts the api message into a text that shows what the web cannot name', async () => {
    await i18n.changeLanguage('zh-CN');
    const invalid = failed('eta: Invalid ISO datetime', {
      code: 'BAD_REQUEST',
      reason: 'input.invalid',
    });
    expect(errorText(invalid)).toBe('请检查输入：eta: Invalid ISO datetime');
  });

  it('falls back to the message: no reason, a reason the web does not know, not a tRPC error', () => {
    expect(errorText(failed('the api said so', { reason: null }))).toBe('the api said so');
    expect(errorText(failed('a newer api', { reason: 'vehicle.teleported' }))).toBe('a newer api');
    expect(errorText(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
    expect(errorText('offline')).toBe('offline');
  });

  it('shows the times among the values as the screens do, not as ISO 8601', async () => {
    const busyDriver = failed('driver Li already has a shift', {
      reason: 'shift.driver-busy',
      params: {
        driver: 'Li',
        startsAt: '2026-11-25T08:00:00.000Z',
        endsAt: '2026-11-25T16:00:00.000Z',
      },
    });
    const at = (iso: string, language: string) => formatDateTime(iso, language, 'short');
    expect(errorText(busyDriver)).toBe(
      `Driver Li already has a shift from ${at('2026-11-25T08:00:00.000Z', 'en')} to ${at('2026-11-25T16:00:00.000Z', 'en')}.`,
    );
    expect(errorText(busyDriver)).not.toContain('2026-11-25T');
    await i18n.changeLanguage('zh-CN');
    expect(errorText(busyDriver)).toContain(at('2026-11-25T08:00:00.000Z', 'zh-CN'));
  });

  it('never takes a value for an option of i18next', async () => {
    const counted = failed('3 problem(s) in the file; nothing was imported', {
      code: 'BAD_REQUEST',
      reason: 'job.import-refused',
      params: { problems: 3, count: 'x', lng: 'zh-CN' },
    });
    expect(errorText(counted)).toBe('The file has 3 problem(s); nothing was imported.');
  });
});

describe('ErrorText', () => {
  it('follows a change of language', async () => {
    render(
      <I18nextProvider i18n={i18n}>
        <ErrorText error={busy} />
      </I18nextProvider>,
    );
    expect(screen.getByText('沪D12345 is on job J-7 (Loaded).')).toBeTruthy();
    await i18n.changeLanguage('zh-CN');
    expect(await screen.findByText('沪D12345 正在执行任务 J-7（已装箱）。')).toBeTruthy();
  });
});
