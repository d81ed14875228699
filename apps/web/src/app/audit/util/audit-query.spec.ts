import { localDateTimeToIso } from '../../core/forms/dates';
import {
  AUDIT_PAGE_SIZE,
  auditApiFilters,
  auditQueryOf,
  auditUrlParams,
  filtersOf,
} from './audit-query';

const PATIENT = '6f1c4a8e-3b2d-4c5e-8f90-1a2b3c4d5e6f';

describe('audit query ↔ URL', () => {
  it('lists everything, newest first, without filters', () => {
    expect(auditQueryOf({})).toEqual({
      sort: '-occurredAt',
      page: 1,
      pageSize: AUDIT_PAGE_SIZE,
    });
  });

  it('reads every filter, the sort and the page', () => {
    expect(
      auditQueryOf({
        from: '2030-01-15T08:00',
        to: '2030-01-16T08:00',
        actor: ' hematologist ',
        patientId: PATIENT,
        patient: ' Okafor, H ',
        action: 'item.schedule',
        entityType: 'workup_item',
        outcome: 'failure',
        sort: 'action',
        page: '2',
      }),
    ).toEqual({
      from: '2030-01-15T08:00',
      to: '2030-01-16T08:00',
      actor: 'hematologist',
      patientId: PATIENT,
      patient: 'Okafor, H',
      action: 'item.schedule',
      entityType: 'workup_item',
      outcome: 'failure',
      sort: 'action',
      page: 2,
      pageSize: AUDIT_PAGE_SIZE,
    });
  });

  it('drops what the API would refuse, and turns a reversed time range round', () => {
    expect(
      auditQueryOf({
        from: '2030-01-16T08:00',
        to: '2030-01-15T08:00',
        actor: 'a b',
        patientId: 'not-a-uuid',
        patient: ' , ; ',
        action: 'drop table',
        outcome: 'maybe',
        sort: 'clientSecret',
        page: 'x',
      }),
    ).toEqual({
      from: '2030-01-15T08:00',
      to: '2030-01-16T08:00',
      sort: '-occurredAt',
      page: 1,
      pageSize: AUDIT_PAGE_SIZE,
    });
    expect(auditQueryOf({ from: '2030-02-30T08:00' })).not.toHaveProperty(
      'from',
    );
  });

  it('writes filters to the URL, clearing unset ones and the page', () => {
    expect(auditUrlParams({ action: 'auth.login' })).toEqual({
      from: null,
      to: null,
      actor: null,
      patientId: null,
      patient: null,
      action: 'auth.login',
      entityType: null,
      outcome: null,
      page: null,
    });
  });

  it('sends the time range as instants with the browser’s offset', () => {
    const filters = filtersOf(
      auditQueryOf({ from: '2030-01-15T08:00', action: 'auth.login' }),
    );

    expect(auditApiFilters(filters)).toEqual({
      from: localDateTimeToIso('2030-01-15T08:00'),
      action: 'auth.login',
    });
    expect(auditApiFilters(filters)['from']).toMatch(
      /^2030-01-15T08:00:00[+-]\d{2}:\d{2}$/,
    );
  });
});
