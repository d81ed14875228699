import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { PDFParse } from 'pdf-parse';
import { ClinicApi, dateFromToday } from '../support/clinic';
import {
  createUser,
  expect,
  expectAccessible,
  screenshot,
  signIn,
  test,
  unique,
} from '../support/fixtures';
import { expectStableLayout } from '../support/layout';

/** Clicks a download button and waits for the browser to hand over the file. */
async function download(page: Page, button: string): Promise<Download> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  return file;
}

async function bytesOf(file: Download): Promise<Buffer> {
  return readFile(await file.path());
}

/** The big number of a summary card. */
function cardValue(page: Page, title: string): Locator {
  return page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .locator('.card__value');
}

/** The total of matches the paginator states ("1 – 4 of 4"). */
async function paginatorTotal(page: Page, name: string): Promise<number> {
  const label = await page
    .getByRole('group', { name })
    .locator('.mat-mdc-paginator-range-label')
    .textContent();
  return Number(/of (\d+)/.exec(label ?? '')?.[1] ?? Number.NaN);
}

test('an auditor reports on a period, downloads a CSV and a PDF that agree, then filters, sorts, verifies and exports the audit log', async ({
  page,
  request,
}) => {
  // A journey through two pages, three downloads and accessibility scans.
  test.setTimeout(240_000);
  const from = dateFromToday(-7);
  const to = dateFromToday(0);

  // An attending of this test's own: other tests open workups in the same period, never for them.
  const attendingName = `Dr ${unique('Report')}`;
  const attending = await createUser(
    request,
    'hematologist',
    undefined,
    attendingName,
  );
  const clinic = await ClinicApi.as(
    request,
    attending.username,
    attending.password,
  );
  const first = await clinic.openWorkup((await clinic.registerPatient()).id);
  await clinic.act(first.id, 'cbc', 'order', { dueDate: dateFromToday(-3) });
  await clinic.act(first.id, 'spep', 'order', { dueDate: dateFromToday(-10) });
  const second = await clinic.openWorkup((await clinic.registerPatient()).id);
  // Ordered before its result, so it has a turnaround to chart.
  await clinic.act(second.id, 'vegf', 'order');
  await clinic.act(second.id, 'vegf', 'result', {
    specimen: 'plasma',
    values: [{ code: '75628-8', name: 'VEGF', value: 310, unit: 'pg/mL' }],
  });
  await clinic.openWorkup((await clinic.registerPatient()).id);

  // The audit part looks for this auditor's own events only.
  const auditor = await createUser(request, 'auditor');
  await signIn(page, auditor.username, auditor.password);

  await test.step('Reports: pick a period and an attending', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Reports' })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Reports' }),
    ).toBeVisible();
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.getByLabel('To', { exact: true }).fill(to);
    await page.getByRole('combobox', { name: 'Attending' }).click();
    await page.getByRole('option', { name: attendingName }).click();
    await page.getByRole('button', { name: 'Show report' }).click();

    await expect(page).toHaveURL(
      new RegExp(`[?&]from=${from}&to=${to}&attending=[0-9a-f-]{36}`),
    );
    await expect(cardValue(page, 'Workups')).toHaveText('3');
  });

  await test.step('Reports: the summary and the charts', async () => {
    await expect(cardValue(page, 'Overdue items')).toHaveText('2');
    await expect(page.locator('[data-card="overdue"]')).toContainText(
      'In 1 workup; 48 active items, 1 done',
    );
    await expect(page.locator('[data-card="workups"]')).toContainText(
      '3 open, 0 closed',
    );
    for (const chart of [
      'Completion of the checklists',
      'Median turnaround per item kind',
      'Overdue items by week due',
    ]) {
      await expect(
        page.getByRole('img', { name: new RegExp(`^${chart}\\.`) }),
      ).toBeVisible();
      await expect(page.getByRole('table', { name: chart })).toBeAttached();
    }
    await expect(
      page.getByRole('img', { name: /^Completion of the checklists\./ }),
    ).toHaveAccessibleName(
      /3 workups by the share of their checklist done: 3 at 0–9 %/,
    );
    // The header row and the three workups.
    await expect(
      page
        .getByRole('region', { name: 'Workups of the report' })
        .getByRole('row'),
    ).toHaveCount(4);
    await expectAccessible(page);
    await screenshot(page, 'reports');
  });

  await test.step('Reports: the CSV agrees with the summary', async () => {
    const csv = await download(page, 'Download CSV');
    expect(csv.suggestedFilename()).toBe(`completion_${from}_${to}.csv`);
    const records = parse(await bytesOf(csv), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];

    expect(records).toHaveLength(3);
    const sum = (column: string): number =>
      records.reduce((n, r) => n + Number(r[column]), 0);
    expect(sum('itemsOverdue')).toBe(
      Number(await cardValue(page, 'Overdue items').textContent()),
    );
    expect(sum('itemsTotal')).toBe(48);
    expect(new Set(records.map((r) => r['attendingName']))).toEqual(
      new Set([attendingName]),
    );
    await expect(
      page.getByRole('status').filter({ hasText: 'Saved completion_' }),
    ).toHaveCount(1);
  });

  await test.step('Reports: the PDF states the period and the same totals', async () => {
    const pdf = await download(page, 'Download PDF');
    expect(pdf.suggestedFilename()).toBe(`completion_${from}_${to}.pdf`);
    const bytes = await bytesOf(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(bytes) });
    let text: string;
    try {
      ({ text } = await parser.getText());
    } finally {
      await parser.destroy();
    }

    for (const expected of [
      `Opened: ${from} to ${to}`,
      `Attending: ${attendingName}`,
      'Workups: 3 (open 3, closed 0)',
      'Overdue: 2 items in 1 workups',
      'Items: 48 active, 1 done',
    ]) {
      expect(text).toContain(expected);
    }
  });

  await test.step('Audit: the chain verifies', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Audit' })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Audit' }),
    ).toBeVisible();
    const status = page.locator('[data-chain-status]');
    await expect(status).toHaveText('Chain valid');
    await page.getByRole('button', { name: 'Verify now' }).click();
    await expect(status).toHaveText('Chain valid');
    await expect(
      page.locator('pw-chain-status').getByRole('status'),
    ).toContainText('sealed events verified');
  });

  await test.step('Audit: filter by action and actor, sort oldest first', async () => {
    await page.getByLabel('Action', { exact: true }).fill('report.completion');
    await page.getByLabel('Actor', { exact: true }).fill(auditor.username);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(
      new RegExp(`actor=${auditor.username}&action=report\\.completion`),
    );
    const table = page.getByRole('region', { name: 'Audit events' });
    const rows = table.locator('tbody tr.mat-mdc-row:not(.expanded-row)');
    // Two views of the report (the default period, then the chosen one), the CSV and the PDF.
    await expect(rows).toHaveCount(4);
    await expect(rows.first()).toContainText('report.completion');

    // Newest first by default: the PDF export is the latest event.
    await rows
      .first()
      .getByRole('button', { name: /^Details of event/ })
      .click();
    await expect(table.locator('.expanded-row:not([hidden])')).toContainText(
      /Format\s*pdf/,
    );

    await table.getByRole('button', { name: 'Time' }).click();
    await expect(page).toHaveURL(/[?&]sort=occurredAt(&|$)/);
    await expect(rows.first()).toContainText('report.completion');
    await rows
      .first()
      .getByRole('button', { name: /^Details of event/ })
      .click();
    await expect(
      table.locator('.expanded-row:not([hidden])').first(),
    ).toContainText(/Format\s*json/);
    await expectAccessible(page);
    await screenshot(page, 'audit');
  });

  await test.step('Audit: the CSV holds the same events in the same order', async () => {
    const total = await paginatorTotal(page, 'Pages of audit events');
    const csv = await download(page, 'Download CSV');
    expect(csv.suggestedFilename()).toMatch(/^audit-events_start_.*\.csv$/);
    const records = parse(await bytesOf(csv), {
      columns: true,
      bom: true,
    }) as Record<string, string>[];

    expect(records).toHaveLength(total);
    expect(new Set(records.map((r) => r['action']))).toEqual(
      new Set(['report.completion']),
    );
    expect(new Set(records.map((r) => r['actorUsername']))).toEqual(
      new Set([auditor.username]),
    );
    const formats = records.map(
      (r) => (JSON.parse(r['details'] ?? '{}') as { format?: string }).format,
    );
    expect(formats).toEqual(['json', 'json', 'csv', 'pdf']);
  });
});

test('the reports page holds still while it loads on a phone (CLS < 0.1)', async ({
  page,
}) => {
  await signIn(page, 'auditor');
  await page.setViewportSize({ width: 390, height: 844 });
  // A fresh document: the layout shifts measured are this page's own, from its first paint.
  await page.goto('/reports');
  await expect(
    page.getByRole('heading', { level: 2, name: 'Summary' }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^Completion of the checklists\./ }),
  ).toBeVisible();
  const table = page.getByRole('region', { name: 'Workups of the report' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await expectStableLayout(page);
});
