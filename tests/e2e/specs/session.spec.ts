import {
  apiToken,
  createUser,
  enrolTwoStep,
  expect,
  signIn,
  test,
} from '../support/fixtures';

test.describe('idle warning', () => {
  test('a minute before the idle timeout the app asks; “Stay signed in” keeps the session', async ({
    page,
  }) => {
    await page.clock.install();
    await signIn(page, 'admin');
    await page.goto('/users');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Users' }),
    ).toBeVisible();
    const warning = page.getByRole('alertdialog', { name: 'Still there?' });

    await page.clock.fastForward('13:50');
    await expect(warning).toBeHidden();
    await page.clock.fastForward('00:20');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(
      'You will be signed out in about a minute because of inactivity.',
    );

    const renewal = page.waitForResponse('**/api/auth/refresh');
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await renewal).status()).toBe(200);
    await expect(warning).toBeHidden();

    // Another 14 quiet minutes from the renewal: still signed in, warned again.
    await page.clock.fastForward('14:05');
    await expect(warning).toBeVisible();
    await expect(page).toHaveURL(/\/users$/);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Users' }),
    ).toBeVisible();
  });
});

test.describe('password change', () => {
  test('changing one’s password ends the session; the new password signs in', async ({
    page,
    request,
  }) => {
    const user = await createUser(request, 'coordinator');
    await signIn(page, user.username, user.password);

    await page.getByRole('link', { name: 'Password' }).click();
    await expect(
      page.getByRole('heading', { name: 'Change your password' }),
    ).toBeVisible();
    await page.getByLabel('Current password').fill(user.password);
    await page.getByLabel(/^New password/).fill('qwertyuiopasdf');
    await page.getByLabel('Repeat the new password').fill('qwertyuiopasdf');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByText(/too easy to guess/)).toBeVisible();

    await page
      .getByLabel(/^New password/)
      .fill('lantern orchard velvet compass');
    await page
      .getByLabel('Repeat the new password')
      .fill('lantern orchard velvet compass');
    await page.getByRole('button', { name: 'Change password' }).click();

    await expect(page).toHaveURL(/\/sign-in/);
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: 'Your password has been changed' }),
    ).toBeVisible();
    const old = await request.post('/api/auth/login', {
      data: { username: user.username, password: user.password },
    });
    expect(old.status()).toBe(401);
    await signIn(page, user.username, 'lantern orchard velvet compass');
  });
});

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

    // Sessions end after 15 minutes without activity (SESSION_IDLE_MINUTES default).
    await page.clock.fastForward('16:00');

    await expect(page).toHaveURL(
      /\/sign-in\?returnUrl=%2Fusers%3Ffrom%3Dexpiry$/,
    );
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: 'Your session has ended after a period of inactivity' }),
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
    // The app rewrites the stored session when its check of the token (`/api/auth/me`) answers;
    // tampering before the page is up would be overwritten by that answer.
    await expect(
      page.getByRole('heading', { level: 1, name: 'Users' }),
    ).toBeVisible();
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
    // Admins (MFA_REQUIRED_ROLES) set up two-step sign-in before anything else.
    await expect(page).toHaveURL(/\/account\/two-step$/);
    await enrolTwoStep(page);
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
