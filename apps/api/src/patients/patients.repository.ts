import { Injectable } from '@nestjs/common';
import { completionFromCounts, type Overall, type Sex } from '@poems/domain';
import {
  type PatientListItem,
  type PatientView,
  type WorkupStatus,
} from '@poems/contract';
import type { EntityManager } from 'typeorm';
import { overdueSql } from '../common/sql/due-date.sql';
import { patientMatchSql } from './patient-search';
import { PatientEntity } from './patient.entity';

/** A page of the patient list as the repository finds it. */
export interface PatientRows {
  readonly rows: readonly PatientListItem[];
  readonly total: number;
}

interface ListRow {
  id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: Sex;
  created_at: Date;
  workup_id: string | null;
  workup_status: WorkupStatus | null;
  overall: Overall | null;
  completion_done: number | null;
  completion_closed: number | null;
  completion_total: number | null;
  overdue: number | null;
}

/** Reads and writes patients; every method takes the caller's transaction. */
@Injectable()
export class PatientsRepository {
  async findById(
    manager: EntityManager,
    id: string,
  ): Promise<PatientEntity | null> {
    return manager.getRepository(PatientEntity).findOneBy({ id });
  }

  async insert(
    manager: EntityManager,
    patient: Partial<PatientEntity>,
  ): Promise<PatientEntity> {
    const repository = manager.getRepository(PatientEntity);
    const { identifiers } = await repository.insert(repository.create(patient));
    return repository.findOneByOrFail({ id: identifiers[0]?.['id'] as string });
  }

  /**
   * Patients whose MRN holds, or a word of whose names starts with, every term, by family then given name, each with its
   * open workup's summary — one query for the page, one for the count; no per-row queries.
   * `today` is the clinic's date that decides which items are overdue.
   */
  async search(
    manager: EntityManager,
    terms: readonly string[],
    today: string,
    page: number,
    pageSize: number,
  ): Promise<PatientRows> {
    const params: unknown[] = [];
    const param = (value: string): string => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = patientMatchSql(terms, param);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await manager.query(
      `SELECT count(*)::int AS total FROM patients p ${filter}`,
      params,
    )) as [{ total: number }];
    if (total === 0) {
      return { rows: [], total };
    }
    const rows = (await manager.query(
      `SELECT p.id, p.mrn, p.given_name, p.family_name, p.birth_date::text AS birth_date, p.sex,
              p.created_at, w.id AS workup_id, w.status AS workup_status, w.overall,
              w.completion_done, w.completion_closed, w.completion_total, od.overdue
         FROM patients p
         LEFT JOIN workups w ON w.patient_id = p.id AND w.status = 'open'
         LEFT JOIN LATERAL (
           SELECT count(*)::int AS overdue FROM workup_items i
            WHERE i.workup_id = w.id AND i.active
              AND ${overdueSql('i', `$${params.length + 1}::date`)}
         ) od ON w.id IS NOT NULL
         ${filter}
        ORDER BY p.family_search COLLATE "C", p.given_search COLLATE "C", p.id
        LIMIT $${params.length + 2} OFFSET $${params.length + 3}`,
      [...params, today, pageSize, (page - 1) * pageSize],
    )) as ListRow[];
    return { rows: rows.map(listItem), total };
  }
}

/** The public view of a patient. */
export function patientView(patient: PatientEntity): PatientView {
  return {
    id: patient.id,
    mrn: patient.mrn,
    givenName: patient.givenName,
    familyName: patient.familyName,
    birthDate: patient.birthDate,
    sex: patient.sex,
    createdAt: patient.createdAt.toISOString(),
  };
}

function listItem(row: ListRow): PatientListItem {
  return {
    id: row.id,
    mrn: row.mrn,
    givenName: row.given_name,
    familyName: row.family_name,
    birthDate: row.birth_date,
    sex: row.sex,
    createdAt: row.created_at.toISOString(),
    workup:
      row.workup_id === null
        ? null
        : {
            id: row.workup_id,
            status: row.workup_status ?? 'open',
            overall: row.overall ?? 'incomplete',
            completion: completionFromCounts(
              row.completion_done ?? 0,
              row.completion_closed ?? 0,
              row.completion_total ?? 0,
            ),
            overdue: row.overdue ?? 0,
          },
  };
}
