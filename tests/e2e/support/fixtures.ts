import AxeBuilder from '@axe-core/playwright';
import {
  type APIRequestContext,
  type Page,
  expect,
  test as base,
} from '@playwright/test';
import type { Role } from '@poems/domain';
import type { LoginResponse } from '@poems/contract';
import { mkdirSync } from 'node:fs';
import { generate } from 'otplib';
import { resolve } from 'node:path';

/** Password of every demo account (apps/api demo seed). */
export const DEMO_PASSWORD = 'demo-password';

const ARTIFACTS = resolve(__dirname, '../artifacts');

/** A short random suffix that keeps each test's data apart from every other test's. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Signs in through the sign-in page and waits for the start page. */
export async function signIn(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

/**
 * The codes of one authenticator app, each of a later 30-second step than the last (the API never
 * accepts a step twice), starting at the current one; the API accepts one step either side.
 */
export class Authenticator {
  private lastStep = -Infinity;

  constructor(readonly secret: string) {}

  async next(): Promise<string> {
    const current = Math.floor(Date.now() / 1000 / 30);
    const step = Math.max(this.lastStep + 1, current);
    if (step > current + 1) {
      throw new Error('This authenticator has used every step of the window');
    }
    this.lastStep = step;
    return generate({ secret: this.secret, epoch: step * 30 });
  }
}

/**
 * On the two-step set-up page: sets up an authenticator from the key the page shows (as a person
 * typing it into an app would), confirms it with a first code and returns the app and the
 * recovery codes; leaves the page on the role's start page.
 */
export async function enrolTwoStep(
  page: Page,
): Promise<{ authenticator: Authenticator; recoveryCodes: string[] }> {
  await expect(
    page.getByRole('heading', { name: 'Two-step sign-in' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
  const key = page.getByTestId('manual-key');
  await expect(key).toHaveText(/^[A-Z2-7]{32}$/);
  await expect(
    page.getByRole('img', { name: 'QR code for your authenticator app' }),
  ).toBeVisible();
  const authenticator = new Authenticator((await key.innerText()).trim());
  await page.getByLabel('Code from the app').fill(await authenticator.next());
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  const recoveryCodes = (await list.getByRole('listitem').allInnerTexts()).map(
    (c) => c.trim(),
  );
  await page
    .getByRole('button', { name: 'I have saved them, continue' })
    .click();
  await expect(page).not.toHaveURL(/\/account\/two-step/);
  return { authenticator, recoveryCodes };
}

/** Signs in through the API, for setting up data a test needs without clicking. */
export async function apiToken(
  request: APIRequestContext,
  username: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const response = await request.post('/api/auth/login', {
    data: { username, password },
  });
  expect(response.status(), `sign-in of ${username}`).toBe(200);
  return ((await response.json()) as LoginResponse).accessToken;
}

/** Creates a user through the admin API; returns its username. */
export async function createUser(
  request: APIRequestContext,
  role: Role,
  password = 'e2e-password-long',
  displayName = `E2E ${role}`,
  username = unique(`e2e-${role}`),
): Promise<{ username: string; password: string }> {
  const token = await apiToken(request, 'admin');
  const response = await request.post('/api/users', {
    headers: { authorization: `Bearer ${token}` },
    data: { username, displayName, role, password },
  });
  expect(response.status(), 'user creation').toBe(201);
  return { username, password };
}

/** Fails on any serious or critical WCAG 2.1 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
    );
  expect(blocking, `axe violations on ${page.url()}`).toEqual([]);
}

/**
 * Saves a full-page screenshot under tests/e2e/artifacts/ (git-ignored) when E2E_SCREENSHOTS is
 * set. Off by default: they are for a person looking at the pages, CI asserts nothing on them, and
 * a full-page capture of a long workup page costs seconds of CI's two cores. A failing test gets
 * its screenshot and trace from Playwright either way.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env['E2E_SCREENSHOTS']) {
    return;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({
    path: resolve(ARTIFACTS, `${name}.png`),
    fullPage: true,
  });
}

/** The test function, with the base URL of the app the global setup started. */
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env['E2E_BASE_URL'];
    if (!url) {
      throw new Error(
        'E2E_BASE_URL is unset: run through playwright.config.ts (global setup)',
      );
    }
    await use(url);
  },
});

export { expect };
