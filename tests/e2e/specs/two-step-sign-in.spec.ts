import {
  createUser,
  enrolTwoStep,
  expect,
  expectAccessible,
  test,
} from '../support/fixtures';
import type { Page } from '@playwright/test';

async function password(page: Page, username: string, secret: string): Promise<void> {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(secret);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(
    page.getByRole('heading', { name: 'Two-step sign-in' }),
  ).toBeVisible();
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
}

test.describe('two-step sign-in', () => {
  test('an admin sets it up first, then signs in with a code of the app, then with a recovery code once', async ({
    page,
    request,
  }) => {
    // Four sign-ins and a set-up in one story: more than the default budget on a loaded machine.
    test.slow();
    const user = await createUser(request, 'admin');

    // Password first: the role must set up two-step sign-in before anything else.
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/account\/two-step$/);
    await expect(page.getByText('Your role must use it')).toBeVisible();
    await expectAccessible(page);
    await page.goto('/users');
    await expect(page).toHaveURL(/\/account\/two-step$/);

    const { authenticator, recoveryCodes } = await enrolTwoStep(page);
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByRole('table', { name: 'User accounts' })).toBeVisible();
    await signOut(page);

    // Password, then the code the app shows now.
    await password(page, user.username, user.password);
    await expectAccessible(page);
    await page.getByLabel('Authentication code').fill(await authenticator.next());
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(page.getByRole('table', { name: 'User accounts' })).toBeVisible();
    await signOut(page);

    // Password, then a recovery code instead: it works once.
    const recovery = recoveryCodes[0] as string;
    await password(page, user.username, user.password);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recovery);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page).toHaveURL(/\/users$/);
    await signOut(page);

    await password(page, user.username, user.password);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByLabel('Recovery code').fill(recovery);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'The code is incorrect or has already been used.',
    );
    await expect(page).toHaveURL(/\/sign-in/);
  });
});
