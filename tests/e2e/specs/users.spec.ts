import {
  apiToken,
  createUser,
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
  unique,
} from '../support/fixtures';
import type { APIRequestContext } from '@playwright/test';
import type { ManagedUserView, Page as ApiPage } from '@poems/contract';

async function findUser(
  request: APIRequestContext,
  username: string,
): Promise<ManagedUserView> {
  const token = await apiToken(request, 'admin');
  const response = await request.get('/api/users?pageSize=200', {
    headers: { authorization: `Bearer ${token}` },
  });
  const user = ((await response.json()) as ApiPage<ManagedUserView>).items.find(
    (u) => u.username === username,
  );
  if (!user) {
    throw new Error(`no user ${username}`);
  }
  return user;
}

test.describe('user management (admin)', () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page, 'admin');
    await expect(page).toHaveURL(/\/users$/);
  });

  test('lists the accounts with role and status', async ({ page }) => {
    const table = page.getByRole('table', { name: 'User accounts' });
    await expect(table.getByRole('columnheader')).toHaveText([
      'Username',
      'Display name',
      'Role',
      'Status',
      'Actions',
    ]);
    await expect(
      table.getByRole('row', {
        name: /^hematologist Dr\. Demo Hematologist Hematologist Active/,
      }),
    ).toBeVisible();
    await expectAccessible(page);
    await screenshot(page, 'users');
  });

  test('creates a user, checking the fields first and showing the API’s answer on the field', async ({
    page,
  }) => {
    const username = unique('e2e-new');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('Username').fill('x y');
    await dialog.getByLabel('Display name').fill('E2E Person');
    await dialog.getByLabel('Initial password').fill('short');
    await dialog.getByRole('button', { name: 'Create user' }).click();

    await expect(
      dialog.getByText(
        'Use 3–64 letters, digits, dots, dashes or underscores.',
      ),
    ).toBeVisible();
    await expect(dialog.getByText('At least 12 characters.')).toBeVisible();
    await expectAccessible(page);

    // A taken username is only known to the API: its 409 lands on the username field.
    await dialog.getByLabel('Username').fill('coordinator');
    await dialog.getByLabel('Initial password').fill('a-long-enough-password');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect(dialog.getByText('This username is taken.')).toBeVisible();

    await dialog.getByLabel('Username').fill(username);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Auditor' }).click();
    await dialog.getByRole('button', { name: 'Create user' }).click();

    await expect(dialog).toBeHidden();
    await expect(
      page.getByRole('status').filter({ hasText: `Created ${username}.` }),
    ).toBeVisible();
    await expect(
      page.getByRole('row', {
        name: new RegExp(`^${username} E2E Person Auditor Active`),
      }),
    ).toBeVisible();
  });

  test('changes role and display name, deactivates, and resets a password', async ({
    page,
    request,
    browser,
  }) => {
    const user = await createUser(request, 'coordinator');
    await page.reload();

    await page.getByRole('button', { name: `Edit ${user.username}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${user.username}` });
    await edit.getByLabel('Display name').fill('Renamed Person');
    await edit.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Hematologist' }).click();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(
      page.getByRole('row', {
        name: new RegExp(
          `^${user.username} Renamed Person Hematologist Active`,
        ),
      }),
    ).toBeVisible();

    await page
      .getByRole('button', { name: `Reset the password of ${user.username}` })
      .click();
    const reset = page.getByRole('dialog', {
      name: `Reset the password of ${user.username}`,
    });
    await reset.getByLabel('New password').fill('a-brand-new-password');
    await reset.getByRole('button', { name: 'Set password' }).click();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `Set a new password for ${user.username}.` }),
    ).toBeVisible();

    const other = await browser.newPage({
      baseURL: page.url().replace(/\/users$/, ''),
    });
    await signIn(other, user.username, 'a-brand-new-password');
    await expect(other).toHaveURL(/\/patients$/);
    await other.close();

    await page.getByRole('button', { name: `Edit ${user.username}` }).click();
    await edit
      .getByRole('checkbox', { name: 'Account active (may sign in)' })
      .uncheck();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(
      page.getByRole('row', {
        name: new RegExp(
          `^${user.username} Renamed Person Hematologist Inactive`,
        ),
      }),
    ).toBeVisible();
  });

  test('unlocks an account locked by failed sign-ins', async ({
    page,
    request,
  }) => {
    const user = await createUser(request, 'coordinator');
    for (let i = 0; i < 5; i++) {
      await request.post('/api/auth/login', {
        data: { username: user.username, password: 'wrong-password' },
      });
    }
    await page.reload();
    await expect(
      page.getByRole('row', {
        name: new RegExp(`^${user.username} .* Locked`),
      }),
    ).toBeVisible();

    await page.getByRole('button', { name: `Unlock ${user.username}` }).click();

    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `Unlocked ${user.username}.` }),
    ).toBeVisible();
    await expect(
      page.getByRole('row', {
        name: new RegExp(`^${user.username} .* Active`),
      }),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: `Unlock ${user.username}` }),
    ).toBeHidden();
  });

  test('a stale edit offers to reload the latest and retry', async ({
    page,
    request,
  }) => {
    const user = await createUser(request, 'coordinator');
    await page.reload();
    await page.getByRole('button', { name: `Edit ${user.username}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${user.username}` });

    // Someone else changes the same user meanwhile.
    const current = await findUser(request, user.username);
    const token = await apiToken(request, 'admin');
    const change = await request.patch(`/api/users/${current.id}`, {
      headers: { authorization: `Bearer ${token}` },
      data: { version: current.version, displayName: 'Changed Elsewhere' },
    });
    expect(change.status()).toBe(200);

    await edit.getByLabel('Display name').fill('My Change');
    await edit.getByRole('button', { name: 'Save' }).click();

    await expect(edit.getByRole('alert')).toContainText(
      'Someone else changed this user — reload the latest and retry',
    );
    await expectAccessible(page);
    await edit.getByRole('button', { name: 'Reload' }).click();

    await expect(edit).toBeHidden();
    await expect(
      page.getByRole('row', {
        name: new RegExp(`^${user.username} Changed Elsewhere`),
      }),
    ).toBeVisible();
    await page.getByRole('button', { name: `Edit ${user.username}` }).click();
    await edit.getByLabel('Display name').fill('My Change');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(
      page.getByRole('row', {
        name: new RegExp(`^${user.username} My Change`),
      }),
    ).toBeVisible();
  });
});
