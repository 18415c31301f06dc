/**
 * The sign-in page of /admin: what a browser gets instead of the dashboard when it has no admin session. It signs
 * in through the API like any client (`POST /api/auth/login`), exchanges the token for the session cookie
 * (`POST /api/admin/session`) and goes back to the page it came from. The token lives in this page's memory only.
 */
const DEFAULT_TARGET = '/admin/queues';

/** Only our own admin pages are a place to go back to (no open redirect). */
function safeTarget(target: string): string {
  return /^\/admin\/[A-Za-z0-9/_.~%?=&-]*$/.test(target) && !target.includes('//') ? target : DEFAULT_TARGET;
}

export function adminLoginPage(target: string): string {
  // JSON in a script: `<` escaped so the value cannot close the script element.
  const next = JSON.stringify(safeTarget(target)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>OpenBench Studio · administrators</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; background: #f5f6f8; color: #1d2330; display: grid; place-items: center; min-height: 100vh; margin: 0; }
  form { background: #fff; padding: 2rem; border-radius: 10px; box-shadow: 0 2px 12px rgba(0,0,0,.08); width: min(22rem, 90vw); }
  h1 { font-size: 1.2rem; margin: 0 0 .25rem; } p { margin: 0 0 1rem; color: #5a6172; font-size: .9rem; }
  label { display: block; margin: .75rem 0 .25rem; font-weight: 600; font-size: .85rem; }
  input { width: 100%; box-sizing: border-box; padding: .55rem .6rem; border: 1px solid #c9ced8; border-radius: 6px; font: inherit; }
  button { margin-top: 1.25rem; width: 100%; padding: .6rem; border: 0; border-radius: 6px; background: #2d5bd8; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
  #error { color: #b42318; min-height: 1.5em; margin-top: .75rem; font-size: .9rem; }
</style>
</head>
<body>
<form id="login">
  <h1>Queue dashboard</h1>
  <p>Sign in with an administrator's account.</p>
  <label for="email">Email</label>
  <input id="email" name="email" type="email" autocomplete="username" required>
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password" required>
  <button type="submit">Sign in</button>
  <div id="error" role="alert"></div>
</form>
<script>
const next = ${next};
const form = document.getElementById('login');
const error = document.getElementById('error');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  try {
    const login = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: form.email.value, password: form.password.value }),
    });
    const body = await login.json();
    if (!login.ok) throw new Error(body.detail || 'Sign-in failed');
    const session = await fetch('/api/admin/session', { method: 'POST', headers: { Authorization: 'Bearer ' + body.access_token } });
    if (!session.ok) throw new Error((await session.json()).detail || 'No admin session');
    location.replace(next);
  } catch (e) {
    error.textContent = e.message;
  }
});
</script>
</body>
</html>
`;
}
