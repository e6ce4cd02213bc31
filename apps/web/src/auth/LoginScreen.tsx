import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../layout/LanguageSwitch.tsx';
import { loginFailureText } from './login-failure.ts';
import { useLogin } from './session.tsx';

export function LoginScreen() {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  };
  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-head">
          <h1 id="login-title">{t('login.title')}</h1>
          <LanguageSwitch />
        </div>
        <label>
          {t('login.email')}
          <input
            name="email"
            type="email"
            autoComplete="username"
            // The form is all the page has: the email is where typing starts.
            // biome-ignore lint/a11y/noAutofocus: the login page's one purpose is this field
            autoFocus
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {login.isError ? (
          <p className="form-error" role="alert">
            {loginFailureText(login.error, t)}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={login.isPending}>
          {t('login.submit')}
        </button>
        <p className="hint">{t('login.demoHint')}</p>
      </form>
    </main>
  );
}
