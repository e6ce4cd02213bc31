import { ChangePasswordInput, CreateOrganizationInput, InviteUserInput } from '@harbor/shared';
import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.ts';
import { problemsOf, problemsOfError } from './field-problems.ts';

describe('field problems', () => {
  it('say the first problem of each field of the shared contract, in the language chosen', async () => {
    await i18n.changeLanguage('zh-CN');
    const t = i18n.getFixedT('zh-CN');
    expect(
      problemsOf(InviteUserInput, { email: 'not an email', name: '', role: 'VIEWER' }, t),
    ).toEqual({ email: '请输入邮箱地址，例如 name@example.com。', name: '必填。' });
    expect(
      problemsOf(ChangePasswordInput, { currentPassword: 'x', newPassword: 'short' }, t),
    ).toEqual({ newPassword: '至少 10 个字符。' });
    const en = i18n.getFixedT('en');
    expect(
      problemsOf(ChangePasswordInput, { currentPassword: '', newPassword: 'long enough!' }, en),
    ).toEqual({ currentPassword: 'Required.' });
  });

  it('take a field its own words for a rule, and nothing for a value that passes', () => {
    const t = i18n.getFixedT('en');
    const form = { code: 'x', name: 'Pudong Haulage', kind: 'LOGISTICS_COMPANY' };
    expect(problemsOf(CreateOrganizationInput, form, t, { code: 'Letters.' })).toEqual({
      code: 'Letters.',
    });
    expect(problemsOf(CreateOrganizationInput, { ...form, code: 'PDH' }, t)).toEqual({});
  });

  it('name the fields the api refused without its English', () => {
    const t = i18n.getFixedT('zh-CN');
    const error = { data: { fieldErrors: { password: ['at least 10 characters'] } } };
    expect(problemsOfError(error, t)).toEqual({ password: '此处填写无效。' });
    expect(problemsOfError(new Error('network'), t)).toEqual({});
  });
});
