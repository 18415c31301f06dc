/// <reference lib="dom" />
/** What the browser tests share: accessibility checks with axe-core and screenshots under test-output/web. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '@studio/db/testing';
import { launchChromium, ROOT, stackEnv, startGateway, startWeb, type StackProcess } from '../../../bench/src/studio-stack';

export const SCREENSHOT_DIR = join(ROOT, 'test-output/web');
const AXE_JS = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now; returns the violations, readable in a failed assertion. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_JS });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // From the top, so the sticky header is not drawn over the middle of a full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A gateway (no worker: runs stay queued) and the built web app on a fresh database, and a signed-in Chromium page. */
export interface StudioPage {
  page: Page;
  /** A JSON call to the API as the signed-in user. */
  api(path: string, init?: RequestInit): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function openStudioPage(email: string): Promise<StudioPage> {
  const db: TestDatabase = await createTestDatabase();
  const gateway: StackProcess = await startGateway(stackEnv(db.url));
  const web: StackProcess = await startWeb(gateway.url);
  let token = '';
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${gateway.url}/api${path}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  };
  const stopStack = async () => {
    await Promise.allSettled([web.stop(), gateway.stop()]);
    await db.destroy();
  };
  let browser: Browser | undefined;
  try {
    token = (await api('/auth/register', { method: 'POST', body: JSON.stringify({ email, password: 'correct horse battery' }) })).body.access_token;
    browser = await launchChromium();
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, baseURL: web.url });
    await context.addInitScript((t) => localStorage.setItem('openbench.token', t), token);
    const page = await context.newPage();
    const opened = browser;
    return {
      page,
      api,
      async stop() {
        await context.close();
        await opened.close();
        await stopStack();
      },
    };
  } catch (err) {
    // Without this, a missing Chromium leaves the gateway and the web server running and jest never exits.
    await browser?.close();
    await stopStack();
    throw err;
  }
}

/** Checks the page with axe and saves it, in the light theme and then the dark one. */
export async function auditPage(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(150);
    expect({ page: name, scheme, violations: await axeViolations(page) }).toEqual({ page: name, scheme, violations: [] });
    await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Polls `check` until it returns a truthy value (for things no locator can wait for). */
export async function eventually<T>(what: string, check: () => Promise<T> | T, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
