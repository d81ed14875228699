import {
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
} from '../support/fixtures';

// The Inbox link carries a badge with the open count when there is one: its text starts "Inbox".
const INBOX = /^Inbox/;
const NAV: Record<
  string,
  { home: RegExp; links: (string | RegExp)[]; current?: string }
> = {
  hematologist: {
    home: /\/patients$/,
    links: ['Patients', 'Worklist', INBOX, 'Reports'],
  },
  // Coordinators work an in-basket: they start on their worklist.
  coordinator: {
    home: /\/worklist$/,
    links: ['Patients', 'Worklist', INBOX],
    current: 'Worklist',
  },
  auditor: {
    home: /\/patients$/,
    links: ['Patients', INBOX, 'Reports', 'Audit'],
  },
  admin: { home: /\/users$/, links: ['Users', 'Interfaces'] },
};

test.describe('role-aware navigation', () => {
  for (const [role, { home, links, current }] of Object.entries(NAV)) {
    test(`${role} sees ${links.map((l) => (typeof l === 'string' ? l : 'Inbox')).join(', ')} and starts at their home page`, async ({
      page,
    }) => {
      await signIn(page, role);

      await expect(page).toHaveURL(home);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText(links);
      await expect(
        nav.getByRole('link', { name: current ?? (links[0] as string) }),
      ).toHaveAttribute('aria-current', 'page');
      await expectAccessible(page);
      await screenshot(page, `home-${role}`);
    });
  }

  test('the auditor reaches the reports and audit placeholders', async ({
    page,
  }) => {
    await signIn(page, 'auditor');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit' })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Audit' }),
    ).toBeVisible();
    await expectAccessible(page);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Reports' }),
    ).toBeVisible();
    await expectAccessible(page);
  });
});

test.describe('forbidden pages', () => {
  const cases: [string, string][] = [
    ['coordinator', '/users'],
    ['coordinator', '/audit'],
    ['auditor', '/worklist'],
    ['admin', '/patients'],
    ['hematologist', '/audit'],
  ];
  for (const [role, path] of cases) {
    test(`${role} may not open ${path}`, async ({ page }) => {
      await signIn(page, role);
      await page.goto(path);

      await expect(page).toHaveURL(/\/forbidden$/);
      await expect(
        page.getByRole('heading', { level: 1, name: 'Not permitted' }),
      ).toBeVisible();
      await expectAccessible(page);
    });
  }

  test('an unknown address shows the not-found page', async ({ page }) => {
    await signIn(page, 'coordinator');
    await page.goto('/no-such-page');

    await expect(
      page.getByRole('heading', { level: 1, name: 'Page not found' }),
    ).toBeVisible();
    await expectAccessible(page);
  });
});
