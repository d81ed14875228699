import {
  apiToken,
  createUser,
  expect,
  signIn,
  test,
} from '../support/fixtures';

test.describe('session end and return URL', () => {
  test('an expired session returns to sign-in, then back to the page after signing in', async ({
    page,
  }) => {
    await page.clock.install();
    await signIn(page, 'admin');
    await page.goto('/users?from=expiry');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Users' }),
    ).toBeVisible();

    // The API's tokens live 15 minutes (JWT_TTL_SECONDS default).
    await page.clock.fastForward('16:00');

    await expect(page).toHaveURL(
      /\/sign-in\?returnUrl=%2Fusers%3Ffrom%3Dexpiry$/,
    );
    await expect(
      page.getByRole('status').filter({ hasText: 'Your session has ended' }),
    ).toBeVisible();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/users\?from=expiry$/);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Users' }),
    ).toBeVisible();
  });

  test('a stored token the API rejects sends the reloaded page to sign-in with its return URL', async ({
    page,
  }) => {
    await signIn(page, 'admin');
    await page.goto('/users');
    await page.evaluate(() => {
      const session = JSON.parse(
        sessionStorage.getItem('pw.session') ?? '{}',
      ) as { token?: string };
      session.token = 'not-a-valid-token';
      sessionStorage.setItem('pw.session', JSON.stringify(session));
    });

    await page.reload();

    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fusers$/);
  });

  test('a 401 from the API mid-session (account deactivated) returns to sign-in with the page remembered', async ({
    page,
    request,
  }) => {
    const user = await createUser(request, 'admin');
    await signIn(page, user.username, user.password);
    await expect(page).toHaveURL(/\/users$/);

    const adminToken = await apiToken(request, 'admin');
    const list = await request.get('/api/users?pageSize=200', {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const created = (
      (await list.json()) as {
        items: { id: string; username: string; version: number }[];
      }
    ).items.find((u) => u.username === user.username);
    expect(created).toBeDefined();
    const deactivated = await request.patch(`/api/users/${created?.id}`, {
      headers: { authorization: `Bearer ${adminToken}` },
      data: { version: created?.version, active: false },
    });
    expect(deactivated.status()).toBe(200);

    await page.getByRole('button', { name: 'Edit admin' }).click();
    await page.getByLabel('Display name').fill('Demo Administrator (edited)');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page).toHaveURL(/\/sign-in\?returnUrl=%2Fusers$/);
    await expect(
      page.getByRole('status').filter({ hasText: 'Your session has ended' }),
    ).toBeVisible();
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('demo-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(
      page.getByRole('row', { name: /^admin Demo Administrator / }),
    ).toBeVisible();
  });
});
