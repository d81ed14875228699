import {
  REPORT_PAGE_SIZE,
  defaultPeriod,
  reportQueryOf,
  reportUrlParams,
} from './report-query';

const TODAY = '2030-01-16';
const ATTENDING = '0b8a2a55-7f3e-4a51-9d1e-2c51f5a0c0de';

describe('report query ↔ URL', () => {
  it('defaults to the last 90 clinic days, today included, page 1', () => {
    expect(reportQueryOf({}, TODAY)).toEqual({
      from: '2029-10-19',
      to: TODAY,
      page: 1,
      pageSize: REPORT_PAGE_SIZE,
    });
    expect(defaultPeriod('2030-03-01')).toEqual({
      from: '2029-12-02',
      to: '2030-03-01',
    });
  });

  it('reads every filter the URL carries', () => {
    expect(
      reportQueryOf(
        {
          from: '2030-01-10',
          to: '2030-01-15',
          attending: ATTENDING,
          status: 'closed',
          overall: 'criteria_met',
          page: '3',
        },
        TODAY,
      ),
    ).toEqual({
      from: '2030-01-10',
      to: '2030-01-15',
      attending: ATTENDING,
      status: 'closed',
      overall: 'criteria_met',
      page: 3,
      pageSize: REPORT_PAGE_SIZE,
    });
  });

  it('ends a period given only its start on today, and starts one given only its end 90 days before', () => {
    expect(reportQueryOf({ from: '2030-01-01' }, TODAY)).toMatchObject({
      from: '2030-01-01',
      to: TODAY,
    });
    expect(reportQueryOf({ to: '2030-03-31' }, TODAY)).toMatchObject({
      from: '2030-01-01',
      to: '2030-03-31',
    });
  });

  it('turns a reversed period round', () => {
    expect(
      reportQueryOf({ from: '2030-01-15', to: '2030-01-10' }, TODAY),
    ).toMatchObject({ from: '2030-01-10', to: '2030-01-15' });
  });

  it('drops what the API would refuse instead of asking for it', () => {
    expect(
      reportQueryOf(
        {
          from: '2030-02-30',
          to: '1999-12-31',
          attending: 'drsmith',
          status: 'pending',
          overall: 'maybe',
          page: '-2',
        },
        TODAY,
      ),
    ).toEqual({
      from: '2029-10-19',
      to: TODAY,
      page: 1,
      pageSize: REPORT_PAGE_SIZE,
    });
  });

  it('writes chosen filters to the URL, clearing unset ones and the page', () => {
    expect(
      reportUrlParams({ from: '2030-01-10', to: '2030-01-15', status: 'open' }),
    ).toEqual({
      from: '2030-01-10',
      to: '2030-01-15',
      attending: null,
      status: 'open',
      overall: null,
      page: null,
    });
  });

  it('round-trips: the URL written for filters reads back as the same filters', () => {
    const filters = {
      from: '2030-01-10',
      to: '2030-01-15',
      attending: ATTENDING,
      overall: 'incomplete' as const,
    };
    const params = Object.fromEntries(
      Object.entries(reportUrlParams(filters)).filter(([, v]) => v !== null),
    ) as Record<string, string>;

    expect(reportQueryOf(params, TODAY)).toEqual({
      ...filters,
      page: 1,
      pageSize: REPORT_PAGE_SIZE,
    });
  });
});
