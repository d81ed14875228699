import {
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
} from '../support/fixtures';

test.describe('sign-in', () => {
  test('lists the demo accounts with their roles and one click fills the form', async ({
    page,
  }) => {
    await page.goto('/');

    await expect(page).toHaveURL(/\/sign-in$/);
    const demo = page.getByRole('table', {
      name: 'Demo accounts and their roles',
    });
    for (const [username, role] of [
      ['hematologist', 'Hematologist'],
      ['coordinator', 'Coordinator'],
      ['auditor', 'Auditor'],
      ['admin', 'Administrator'],
    ]) {
      await expect(
        demo.getByRole('row', { name: new RegExp(`^${username} ${role}`) }),
      ).toBeVisible();
    }
    await expectAccessible(page);
    await screenshot(page, 'sign-in');

    await page
      .getByRole('button', { name: 'Use the coordinator account' })
      .click();

    await expect(page.getByLabel('Username')).toHaveValue('coordinator');
    await expect(page.getByLabel('Password')).not.toHaveValue('');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // Coordinators start on their worklist.
    await expect(page).toHaveURL(/\/worklist$/);
    await expect(page.getByRole('banner')).toContainText('Demo Coordinator');
  });

  test('says so when the password is wrong, and stays on the page', async ({
    page,
  }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Username').fill('nobody-here');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await expect(page.getByRole('alert')).toContainText(
      'The username or password is incorrect.',
    );
    await expect(page).toHaveURL(/\/sign-in$/);
    await expectAccessible(page);
  });

  test('signing out returns to sign-in, and the token no longer opens pages', async ({
    page,
  }) => {
    await signIn(page, 'hematologist');
    await expect(page).toHaveURL(/\/patients$/);

    await page.getByRole('button', { name: 'Sign out' }).click();

    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(
      page.getByRole('status').filter({ hasText: 'You have signed out.' }),
    ).toBeVisible();
    await page.goto('/patients');
    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fpatients$/);
  });

  test('a reload keeps the session; a new tab does not', async ({
    page,
    context,
  }) => {
    await signIn(page, 'auditor');
    await page.goto('/reports');
    await page.reload();

    await expect(
      page.getByRole('heading', { level: 1, name: 'Reports' }),
    ).toBeVisible();

    const other = await context.newPage();
    await other.goto('/reports');
    await expect(other).toHaveURL(/\/sign-in\?returnUrl=%2Freports$/);
  });
});
