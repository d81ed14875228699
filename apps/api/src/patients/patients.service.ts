import { Inject, Injectable } from '@nestjs/common';
import { completionFromCounts, DomainError, todayIn } from '@poems/domain';
import {
  type Page,
  type PatientDetailView,
  type PatientListItem,
  type PatientView,
} from '@poems/contract';
import { DataSource } from 'typeorm';
import { AuditWriter, diffOf } from '../audit/audit-writer';
import { Clock } from '../common/clock/clock';
import { isUniqueViolation } from '../common/database/postgres-errors';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { WorkupEntity } from '../workups/workup.entity';
import { searchForm, searchTerms } from './patient-search';
import type { ListPatientsQuery, RegisterPatientDto } from './patients.dto';
import { PatientsRepository, patientView } from './patients.repository';

/** Registering, finding and reading patients; every read of a record is audited. */
@Injectable()
export class PatientsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly patients: PatientsRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async register(
    context: RequestContext,
    input: RegisterPatientDto,
  ): Promise<PatientView> {
    if (input.birthDate > this.today()) {
      throw DomainError.invalid([
        { field: 'birthDate', message: 'birthDate must not be in the future' },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      let patient;
      try {
        patient = await this.patients.insert(manager, {
          mrn: input.mrn,
          givenName: input.givenName,
          familyName: input.familyName,
          birthDate: input.birthDate,
          sex: input.sex,
          createdById: context.actor?.id ?? null,
          mrnSearch: searchForm(input.mrn),
          givenSearch: searchForm(input.givenName),
          familySearch: searchForm(input.familyName),
        });
      } catch (error) {
        if (
          isUniqueViolation(error, 'uq_patients_mrn') ||
          isUniqueViolation(error, 'uq_patients_mrn_ci')
        ) {
          throw new DomainError(
            'duplicate_mrn',
            'A patient with this MRN (in any case) is already registered.',
            undefined,
            [{ field: 'mrn', message: 'this MRN is already registered' }],
          );
        }
        throw error;
      }
      const view = patientView(patient);
      await this.audit.record(manager, context, {
        action: 'patient.register',
        patientId: patient.id,
        entityType: 'patient',
        entityId: patient.id,
        diff: diffOf(null, { ...view, id: undefined, createdAt: undefined }),
      });
      return view;
    });
  }

  async search(
    context: RequestContext,
    query: ListPatientsQuery,
  ): Promise<Page<PatientListItem>> {
    return this.dataSource.transaction(async (manager) => {
      const { rows, total } = await this.patients.search(
        manager,
        searchTerms(query.q),
        this.today(),
        query.page,
        query.pageSize,
      );
      // Who looked for whom is part of the record; the listed ids say what they were shown.
      await this.audit.record(manager, context, {
        action: 'patient.search',
        entityType: 'patient',
        details: {
          q: query.q ?? null,
          page: query.page,
          pageSize: query.pageSize,
          total,
          shown: rows.map((r) => r.id),
        },
      });
      return { items: rows, total, page: query.page, pageSize: query.pageSize };
    });
  }

  async read(context: RequestContext, id: string): Promise<PatientDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const patient = await this.patients.findById(manager, id);
      if (patient === null) {
        throw new DomainError('not_found', 'No patient has this id.');
      }
      const workups = await manager.getRepository(WorkupEntity).find({
        where: { patientId: id },
        order: { openedAt: 'DESC' },
      });
      await this.audit.record(manager, context, {
        action: 'patient.read',
        patientId: id,
        entityType: 'patient',
        entityId: id,
      });
      return {
        ...patientView(patient),
        workups: workups.map((w) => ({
          id: w.id,
          status: w.status,
          openedAt: w.openedAt.toISOString(),
          closedAt: w.closedAt?.toISOString() ?? null,
          protocol: { key: w.protocolKey, version: w.protocolVersion },
          overall: w.overall,
          completion: completionFromCounts(
            w.completionDone,
            w.completionClosed,
            w.completionTotal,
          ),
        })),
      };
    });
  }

  private today(): string {
    return todayIn(this.config.clinicTimeZone, this.clock.now());
  }
}
