import { createUser, expect, signIn, test } from '../support/fixtures';

test.describe('calendar feed revocation', () => {
  test('a coordinator issues a calendar address, a calendar app reads it, and after “Revoke address” the same address is refused', async ({
    page,
    request,
  }) => {
    // A user of its own: one address per user, so no other test can replace or revoke this one.
    const user = await createUser(request, 'coordinator');
    await signIn(page, user.username, user.password);
    await expect(page).toHaveURL(/\/worklist$/);
    const subscribe = page.getByRole('button', {
      name: 'Subscribe in a calendar app',
    });
    // Shown once the API has said there is no address yet.
    await expect(subscribe).toBeVisible();

    await subscribe.click();
    const address = page.getByRole('textbox', {
      name: 'Calendar subscription address',
    });
    await expect(address).toHaveValue(/\/api\/worklist\/calendar\.ics\?feed=/);
    const url = await address.inputValue();

    // A calendar app sends no bearer token: the address alone opens the feed.
    const fetched = await request.get(url);
    expect(fetched.status()).toBe(200);
    expect(fetched.headers()['content-type']).toMatch(/^text\/calendar/);
    expect(await fetched.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);

    // After a reload the address is no longer shown (only its hash is kept), but its use is.
    await page.reload();
    const status = page.getByTestId('feed-status');
    await expect(status).toContainText('Calendar address issued');
    await expect(status).not.toContainText('last used never');
    await expect(address).toBeHidden();

    await page.getByRole('button', { name: 'Revoke address' }).click();
    await expect(
      page.getByRole('status').filter({
        hasText: 'The calendar address is revoked',
      }),
    ).toBeVisible();
    await expect(subscribe).toBeVisible();

    const refused = await request.get(url);
    expect(refused.status()).toBe(401);
    expect(refused.headers()['content-type']).toMatch(
      /^application\/problem\+json/,
    );
    expect(await refused.text()).not.toContain('BEGIN:VCALENDAR');
  });
});
