// The console's login: a user name and password, checked by the engine (which alone decides what
// that user's role may do).
import { useState } from 'react';
import type { LoginState } from './operator-link.js';

export interface LoginFormProps {
  state: LoginState;
  onSubmit: (username: string, password: string) => void;
  /** What logging in here is for (the console: taking calls; /setup: setting up the site). */
  heading?: string;
}

export function LoginForm({ state, onSubmit, heading = 'Log in to take calls' }: LoginFormProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const busy = state.kind === 'logging-in';
  return (
    <form
      className="identity-form"
      data-testid="login-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (username.trim() && password) onSubmit(username.trim(), password);
        setPassword('');
      }}
    >
      <h2>{heading}</h2>
      {state.kind === 'refused' ? (
        <p className="identity-problem" role="alert">
          {state.message}
        </p>
      ) : null}
      {state.kind === 'offline' ? <p className="identity-problem">The engine is not reachable; the login goes through when it is back.</p> : null}
      <label>
        User name
        <input data-testid="login-username" value={username} maxLength={40} autoComplete="username" onChange={(event) => setUsername(event.target.value)} />
      </label>
      <label>
        Password
        <input
          data-testid="login-password"
          type="password"
          value={password}
          maxLength={256}
          autoComplete="current-password"
          onChange={(event) => setPassword(event.target.value)}
        />
      </label>
      <button type="submit" className="primary" data-testid="login-submit" disabled={busy || !username.trim() || !password}>
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
