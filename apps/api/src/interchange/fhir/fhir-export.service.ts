import { Injectable } from '@nestjs/common';
import type { Bundle } from '@medplum/fhirtypes';
import { DomainError, getProtocol } from '@poems/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditWriter } from '../../audit/audit-writer';
import { Clock } from '../../common/clock/clock';
import { FollowupService } from '../../followup/followup.service';
import type { RequestContext } from '../../common/request-context/request-context';
import {
  PatientsRepository,
  patientView,
} from '../../patients/patients.repository';
import { WorkupItemEntity } from '../../workups/workup-item.entity';
import { workupView } from '../../workups/workup-view';
import { WorkupEntity } from '../../workups/workup.entity';
import { WorkupsService } from '../../workups/workups.service';
import { fhirBundle } from './fhir-bundle';
import type { FhirExportQuery } from './fhir-export.dto';

/**
 * A patient's workups as a FHIR R4 Bundle, built from the same workup views the API shows, and
 * audited (`fhir.export`) in the transaction that read them.
 */
@Injectable()
export class FhirExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly patients: PatientsRepository,
    private readonly workupsService: WorkupsService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
    private readonly followup: FollowupService,
  ) {}

  async export(
    context: RequestContext,
    patientId: string,
    query: FhirExportQuery,
  ): Promise<Bundle> {
    return this.dataSource.transaction(async (manager) => {
      const patient = await this.patients.findById(manager, patientId);
      if (patient === null) {
        throw new DomainError('not_found', 'No patient has this id.');
      }
      const workups = await this.workupsOf(manager, patientId, query.workup);
      const items =
        workups.length === 0
          ? []
          : await manager.getRepository(WorkupItemEntity).findBy({
              workupId: In(workups.map((w) => w.id)),
            });
      const window = this.workupsService.window();
      const views = [];
      for (const workup of workups) {
        views.push(
          workupView(
            getProtocol(workup.protocolKey, workup.protocolVersion),
            workup,
            items.filter((item) => item.workupId === workup.id),
            window,
            undefined,
            await this.workupsService.latestSignOff(manager, workup.id),
          ),
        );
      }
      const bundle = fhirBundle({
        patient: patientView(patient),
        workups: views,
        // A single workup asked for is that workup's export; the whole patient's carries the follow-up.
        followup:
          query.workup === undefined
            ? await this.followup.viewIn(manager, patientId)
            : null,
        timestamp: this.clock.now().toISOString(),
      });
      await this.audit.record(manager, context, {
        action: 'fhir.export',
        patientId,
        entityType: 'patient',
        entityId: patientId,
        details: {
          workups: workups.map((w) => w.id),
          resources: bundle.entry?.length ?? 0,
        },
      });
      return bundle;
    });
  }

  /** The patient's workups, oldest first, or the one asked for if it is theirs. */
  private async workupsOf(
    manager: EntityManager,
    patientId: string,
    workupId: string | undefined,
  ): Promise<WorkupEntity[]> {
    const workups = await manager.getRepository(WorkupEntity).find({
      where: {
        patientId,
        ...(workupId !== undefined && { id: workupId }),
      },
      order: { openedAt: 'ASC', id: 'ASC' },
    });
    if (workupId !== undefined && workups.length === 0) {
      throw new DomainError(
        'not_found',
        'The patient has no workup with this id.',
      );
    }
    return workups;
  }
}
