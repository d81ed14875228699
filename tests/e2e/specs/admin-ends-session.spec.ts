import { E2E_BROWSER_TIME_ZONE } from '../support/clinic-zone';
import {
  createUser,
  enrolTwoStep,
  expect,
  signIn,
  test,
  unique,
} from '../support/fixtures';

test.describe('an administrator ends a session', () => {
  test('the admin opens a user’s sessions and ends one; that user’s next action lands on sign-in', async ({
    page,
    browser,
    request,
    baseURL,
  }) => {
    // Two sign-ins and a two-step set-up on a loaded machine.
    test.slow();
    // An administrator of its own: the shell of this role polls nothing in the background, so
    // the first request after the end is the test's own action. The name sorts before every
    // other user, so the row is on the first page of the users list.
    const user = await createUser(
      request,
      'admin',
      'e2e-password-long',
      'E2E session holder',
      unique('a0-holder'),
    );
    // A second browser of its own (a context made here does not take the config's options).
    const theirs = await browser.newContext({
      baseURL,
      locale: 'en-GB',
      timezoneId: E2E_BROWSER_TIME_ZONE,
    });
    const userPage = await theirs.newPage();
    try {
      await signIn(userPage, user.username, user.password);
      // Admins (MFA_REQUIRED_ROLES) set up two-step sign-in first; the session that did stays open.
      await expect(userPage).toHaveURL(/\/account\/two-step$/);
      await enrolTwoStep(userPage);
      await expect(userPage).toHaveURL(/\/users$/);
      await expect(
        userPage.getByRole('heading', { level: 1, name: 'Users' }),
      ).toBeVisible();

      await signIn(page, 'admin');
      await expect(page).toHaveURL(/\/users$/);
      await page
        .getByRole('button', { name: `Sessions of ${user.username}` })
        .click();
      const dialog = page.getByRole('dialog', {
        name: `Sessions of ${user.username}`,
      });
      const end = dialog.getByRole('button', {
        name: /^End the session signed in at /,
      });
      // Their one open session, once the list has arrived.
      await expect(end).toHaveCount(1);
      await expect(dialog.getByRole('cell', { name: 'Open' })).toHaveCount(1);

      await end.click();
      await expect(
        dialog.getByRole('status').filter({ hasText: 'Session ended.' }),
      ).toBeVisible();
      await expect(
        dialog.getByRole('cell', { name: 'Ended: ended by an administrator' }),
      ).toBeVisible();
      await expect(end).toHaveCount(0);

      // Their page still shows what it had; the next request it makes is refused.
      await userPage.getByRole('link', { name: 'Interfaces' }).click();
      await expect(userPage).toHaveURL(/\/sign-in\?returnUrl=%2Finterfaces/);
      await expect(
        userPage.getByRole('status').filter({
          hasText: 'ended by an administrator or a change to your account',
        }),
      ).toBeVisible();
    } finally {
      await theirs.close();
    }
  });
});
