import { describe, expect, it } from 'vitest';
import { i18n } from '../i18n/index.ts';
import { loginFailureText } from './login-failure.ts';

const throttled = (retryAfterSeconds: number) => ({
  data: { code: 'TOO_MANY_REQUESTS', retryAfterSeconds },
});

describe('the login form’s failure text', () => {
  it('names a wrong email or password', () => {
    const error = { data: { code: 'UNAUTHORIZED' } };
    expect(loginFailureText(error, i18n.getFixedT('en'))).toBe('Wrong email or password.');
    expect(loginFailureText(error, i18n.getFixedT('zh-CN'))).toBe('邮箱或密码错误。');
  });

  it('says how long a throttled login waits, in both languages', () => {
    expect(loginFailureText(throttled(42), i18n.getFixedT('en'))).toBe(
      'Too many failed logins. Try again in 42 seconds.',
    );
    expect(loginFailureText(throttled(42), i18n.getFixedT('zh-CN'))).toBe(
      '登录失败次数过多，请 42 秒后再试。',
    );
    expect(loginFailureText(throttled(121), i18n.getFixedT('en'))).toBe(
      'Too many failed logins. Try again in 3 minutes.',
    );
    expect(loginFailureText(throttled(3_600), i18n.getFixedT('zh-CN'))).toBe(
      '登录失败次数过多，请 60 分钟后再试。',
    );
  });
});
