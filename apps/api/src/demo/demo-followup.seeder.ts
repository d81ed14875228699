import { Inject, Injectable } from '@nestjs/common';
import { addDays, todayIn } from '@poems/domain';
import { type FollowupView, type WorkupView } from '@poems/contract';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import type {
  CreateTreatmentLineDto,
  FollowupResultDto,
  RecordStagingDto,
} from '../followup/followup.dto';
import { FollowupService } from '../followup/followup.service';
import { PatientsService } from '../patients/patients.service';
import { ItemActionsService } from '../workups/item-actions.service';
import { WorkupsService } from '../workups/workups.service';
import {
  DEMO_FOLLOWUP_PATIENTS,
  routineResult,
  type DemoFollowupPatient,
} from './demo-followup';

const DAY_MS = 86_400_000;

/**
 * Seeds the demo patients in follow-up through the API's own services (workup results, sign-off,
 * staging, the line, follow-up results), each step audited like a user's. Idempotent by MRN.
 */
@Injectable()
export class DemoFollowupSeeder {
  readonly name = 'demo patients in follow-up';

  constructor(
    private readonly dataSource: DataSource,
    private readonly patients: PatientsService,
    private readonly workups: WorkupsService,
    private readonly actions: ItemActionsService,
    private readonly followup: FollowupService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seed(
    contexts: Readonly<Record<'hematologist' | 'coordinator', RequestContext>>,
  ): Promise<void> {
    for (const patient of DEMO_FOLLOWUP_PATIENTS) {
      const exists = (await this.dataSource.query(
        'SELECT 1 FROM patients WHERE mrn = $1',
        [patient.mrn],
      )) as unknown[];
      if (exists.length === 0) {
        await this.seedPatient(patient, contexts);
      }
    }
  }

  private day(offset: number): string {
    return addDays(
      todayIn(this.config.clinicTimeZone, this.clock.now()),
      offset,
    );
  }

  private async seedPatient(
    patient: DemoFollowupPatient,
    contexts: Readonly<Record<'hematologist' | 'coordinator', RequestContext>>,
  ): Promise<void> {
    const hematologist = contexts.hematologist;
    const registered = await this.patients.register(contexts.coordinator, {
      mrn: patient.mrn,
      givenName: patient.givenName,
      familyName: patient.familyName,
      birthDate: patient.birthDate,
      sex: patient.sex,
    });
    let workup: WorkupView = await this.workups.open(
      hematologist,
      registered.id,
      {},
    );
    const performedAt = new Date(
      this.clock.now().getTime() + patient.workupDay * DAY_MS,
    ).toISOString();
    for (const [key, body] of Object.entries(patient.workup)) {
      const item = workup.items.find((i) => i.key === key);
      if (item === undefined) {
        throw new Error(`Demo follow-up names an unknown item: ${key}`);
      }
      workup = await this.actions.act(hematologist, workup.id, {
        key,
        action: 'result',
        body: { version: item.version, performedAt, ...body },
      });
    }
    const id = registered.id;
    await this.followup.signOff(hematologist, id, {
      workupId: workup.id,
      diagnosisDate: this.day(patient.diagnosisDay),
    });
    await this.followup.recordStaging(
      hematologist,
      id,
      patient.staging as RecordStagingDto,
    );
    let view: FollowupView = await this.followup.createLine(hematologist, id, {
      intent: 'first_line',
      regimenClass: patient.line.regimenClass,
      startDate: this.day(patient.line.startDay),
      ...(patient.line.endDay !== undefined && {
        endDate: this.day(patient.line.endDay),
        stopReason: 'completed',
      }),
      ...(patient.line.transplantDay !== undefined && {
        transplantDate: this.day(patient.line.transplantDay),
      }),
    } as CreateTreatmentLineDto);
    for (const result of patient.results) {
      const instance = view.instances.find(
        (i) => i.itemKey === result.itemKey && i.timePoint === result.timePoint,
      );
      if (instance === undefined) {
        throw new Error(
          `Demo follow-up has no ${result.itemKey} ${result.timePoint} instance`,
        );
      }
      view = await this.followup.recordResult(hematologist, id, instance.id, {
        version: instance.version,
        performedOn: this.day(result.day),
        ...result.body,
      } as unknown as FollowupResultDto);
    }
    await this.recordThePast(hematologist, patient, view);
  }

  /**
   * A patient followed for a year has been to their visits: every instance already overdue is
   * recorded with its routine result on its target date, except the time points the story leaves
   * missed. Otherwise the demo worklist would drown in overdue instances nobody meant.
   */
  private async recordThePast(
    hematologist: RequestContext,
    patient: DemoFollowupPatient,
    start: FollowupView,
  ): Promise<void> {
    const missed = new Set(patient.missed ?? []);
    const today = this.day(0);
    let view = start;
    // Each result closes at least its instance, so this ends within one pass over them.
    for (let left = view.instances.length; left > 0; left--) {
      const instance = view.instances.find(
        (i) => i.dueState === 'overdue' && !missed.has(i.timePoint),
      );
      if (instance === undefined) {
        return;
      }
      const performedOn =
        instance.targetDate < today ? instance.targetDate : today;
      const body = routineResult(
        patient,
        instance.itemKey,
        Math.round((Date.parse(performedOn) - Date.parse(today)) / DAY_MS),
      );
      if (body === undefined) {
        throw new Error(
          `Demo follow-up ${patient.mrn} has no routine ${instance.itemKey} result`,
        );
      }
      view = await this.followup.recordResult(
        hematologist,
        view.patientId,
        instance.id,
        {
          version: instance.version,
          performedOn,
          ...body,
        } as unknown as FollowupResultDto,
      );
    }
  }
}
