import * as Tabs from '@radix-ui/react-tabs';
import { useMutation } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import { errorMessage, fieldError } from '../api/errors';
import { signIn, takeEndReason } from '../auth/session';

type Mode = 'signin' | 'register';

export function LoginPage() {
  const search = useSearch({ from: '/login' });
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>(search.register ? 'register' : 'signin');
  const [notice] = useState(() => takeEndReason());
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const submit = useMutation({
    mutationFn: (m: Mode) => call(m === 'signin' ? api.POST('/auth/login', { body: { email, password } }) : api.POST('/auth/register', { body: { email, password } })),
    onSuccess: (res) => {
      signIn(res.access_token);
      void navigate({ to: search.redirect ?? '/runs', replace: true });
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit.mutate(mode);
  };
  const emailError = fieldError(submit.error, 'email');
  const passwordError = fieldError(submit.error, 'password');

  return (
    <div className="flex min-h-screen items-center justify-center px-4 py-10">
      <main className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <img src="/favicon.svg" alt="" className="h-8 w-8" />
          <h1 className="text-xl font-semibold">OpenBench Studio</h1>
        </div>
        {notice && (
          <div role="status" className="mb-4 rounded-md border border-warn/40 bg-warn-soft px-3 py-2 text-sm">
            {notice}
          </div>
        )}
        <Tabs.Root
          value={mode}
          onValueChange={(v) => {
            setMode(v as Mode);
            submit.reset();
          }}
          className="card p-5 shadow-sm"
        >
          <Tabs.List aria-label="Sign in or create an account" className="mb-4 grid grid-cols-2 rounded-md bg-surface-2 p-1">
            {(['signin', 'register'] as const).map((m) => (
              <Tabs.Trigger
                key={m}
                value={m}
                className="rounded px-3 py-1.5 text-sm font-medium text-muted data-[state=active]:bg-surface data-[state=active]:text-fg data-[state=active]:shadow-xs"
              >
                {m === 'signin' ? 'Sign in' : 'Create account'}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {(['signin', 'register'] as const).map((m) => (
            <Tabs.Content key={m} value={m}>
                <form onSubmit={onSubmit} noValidate className="space-y-3">
                  <div>
                    <label htmlFor="email" className="label">
                      Email
                    </label>
                    <input
                      id="email"
                      type="email"
                      autoComplete="email"
                      required
                      className="input"
                      value={email}
                      onChange={(e) => setEmail(e.target.value)}
                      aria-invalid={emailError ? true : undefined}
                      aria-describedby={emailError ? 'email-error' : undefined}
                      autoFocus
                    />
                    {emailError && (
                      <p id="email-error" className="mt-1 text-xs text-bad">
                        {emailError}
                      </p>
                    )}
                  </div>
                  <div>
                    <label htmlFor="password" className="label">
                      Password
                    </label>
                    <input
                      id="password"
                      type="password"
                      autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
                      required
                      minLength={8}
                      className="input"
                      value={password}
                      onChange={(e) => setPassword(e.target.value)}
                      aria-invalid={passwordError ? true : undefined}
                      aria-describedby="password-hint"
                    />
                    <p id="password-hint" className={`mt-1 text-xs ${passwordError ? 'text-bad' : 'text-muted'}`}>
                      {passwordError ?? (mode === 'register' ? 'At least 8 characters.' : '\u00a0')}
                    </p>
                  </div>
                  {submit.isError && !emailError && !passwordError && (
                    <div role="alert" className="rounded-md border border-bad/40 bg-bad-soft px-3 py-2 text-sm">
                      {errorMessage(submit.error)}
                    </div>
                  )}
                  <button type="submit" className="btn btn-primary w-full" disabled={submit.isPending}>
                    {submit.isPending ? 'Please wait…' : mode === 'signin' ? 'Sign in' : 'Create account'}
                  </button>
                </form>
            </Tabs.Content>
          ))}
        </Tabs.Root>
      </main>
    </div>
  );
}
