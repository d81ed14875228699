import type { Page } from '@playwright/test';
import type { Role } from '@poems/domain';
import { expect, test, unique } from '../support/fixtures';
import {
  E2E_OIDC,
  addProviderAccount,
  providerIssuer,
} from '../support/oidc-provider';

/**
 * Coming back from the provider is a full page load: the whole app boots again, then trades its
 * code and opens the start page with its data; on a loaded CI machine that took over 10 s.
 */
const RETURN = { timeout: 30_000 };

/** A new account at the provider in `groups`; answers its login name and display name. */
async function providerAccount(
  groups: readonly string[],
): Promise<{ login: string; name: string }> {
  // Each test its own account: a role re-read at sign-in ends that account's other sessions.
  const login = unique('sso');
  const name = `SSO ${login}`;
  await addProviderAccount(login, {
    name,
    preferred_username: login,
    email: `${login}@hospital.example`,
    groups,
  });
  return { login, name };
}

/** From the app's sign-in page through the provider's own login page, as a person would. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.goto('/sign-in');
  await page
    .getByRole('link', { name: `Sign in with ${E2E_OIDC.providerName}` })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Sign in to the test provider' }),
  ).toBeVisible();
  expect(new URL(page.url()).origin).toBe(providerIssuer());
  await page.getByLabel('Username').fill(login);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const STARTS: ReadonlyArray<{
  group: string;
  role: Role;
  roleName: string;
  home: RegExp;
  heading: string;
}> = [
  {
    group: 'poems-hematologists',
    role: 'hematologist',
    roleName: 'Hematologist',
    home: /\/patients$/,
    heading: 'Patients',
  },
  {
    group: 'poems-coordinators',
    role: 'coordinator',
    roleName: 'Coordinator',
    home: /\/worklist$/,
    heading: 'Worklist',
  },
  {
    group: 'poems-auditors',
    role: 'auditor',
    roleName: 'Auditor',
    home: /\/patients$/,
    heading: 'Patients',
  },
  {
    group: 'poems-admins',
    role: 'admin',
    roleName: 'Administrator',
    home: /\/users$/,
    heading: 'Users',
  },
];

test.describe('single sign-on through the hospital’s identity provider', () => {
  for (const start of STARTS) {
    test(`a member of ${start.group} signs in on the provider’s page and starts as ${start.role}`, async ({
      page,
    }) => {
      const account = await providerAccount(['staff', start.group]);

      await signInAtProvider(page, account.login);

      await expect(page).toHaveURL(start.home, RETURN);
      await expect(
        page.getByRole('heading', { level: 1, name: start.heading }),
      ).toBeVisible();
      await expect(page.getByRole('banner')).toContainText(
        new RegExp(`${account.name}\\s*\\(${start.roleName}\\)`),
      );
    });
  }

  test('sign-out ends the provider’s session too (RP-initiated logout) and returns to sign-in', async ({
    page,
  }) => {
    const account = await providerAccount(['poems-hematologists']);
    await signInAtProvider(page, account.login);
    await expect(page).toHaveURL(/\/patients$/, RETURN);
    await expect(page.getByRole('banner')).toContainText(account.name);

    await page.getByRole('button', { name: 'Sign out' }).click();

    // The provider's own end-session page, reached with the app's id_token_hint.
    await expect(
      page.getByRole('heading', { name: 'Sign out of the test provider?' }),
    ).toBeVisible();
    expect(new URL(page.url()).origin).toBe(providerIssuer());
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();

    await expect(page).toHaveURL(/\/sign-in$/, RETURN);
    await expect(
      page.getByRole('link', {
        name: `Sign in with ${E2E_OIDC.providerName}`,
      }),
    ).toBeVisible();
    // The app's session is over …
    await page.goto('/patients');
    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fpatients$/);
    // … and so is the provider's: signing in again asks for the account once more.
    await page
      .getByRole('link', { name: `Sign in with ${E2E_OIDC.providerName}` })
      .click();
    await expect(
      page.getByRole('heading', { name: 'Sign in to the test provider' }),
    ).toBeVisible();
  });

  test('a user whose groups map to no role is refused, and the page says what is missing', async ({
    page,
  }) => {
    const account = await providerAccount(['staff', 'radiology']);

    await signInAtProvider(page, account.login);

    await expect(page).toHaveURL(/\/sign-in\/sso#/, RETURN);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Single sign-on' }),
    ).toBeVisible();
    await expect(page.getByRole('alert')).toContainText(
      'carries none of the groups or roles this application maps to a role (claim “groups”)',
    );
    await expect(page.getByRole('banner')).not.toContainText(account.name);
    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    // No session was made: the app's pages still want a sign-in.
    await page.goto('/patients');
    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fpatients$/);
  });
});
