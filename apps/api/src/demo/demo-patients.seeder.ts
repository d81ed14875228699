import { Injectable } from '@nestjs/common';
import {
  addDays,
  DomainError,
  todayIn,
  type ItemActionCommand,
  type Role,
} from '@poems/domain';
import { type WorkupView } from '@poems/contract';
import { Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock/clock';
import type { RequestContext } from '../common/request-context/request-context';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.module';
import { PatientsService } from '../patients/patients.service';
import { UserEntity } from '../users/user.entity';
import { ItemActionsService } from '../workups/item-actions.service';
import { WorkupsService } from '../workups/workups.service';
import { DemoFollowupSeeder } from './demo-followup.seeder';
import {
  DEMO_PATIENTS,
  type DemoPatient,
  type DemoStep,
} from './demo-patients';

const DAY_MS = 86_400_000;

/**
 * Seeds the demo clinic through the same services the API uses — every step is a real action by a
 * demo user, with its history, audit events and evaluation snapshots. Dates are relative to the
 * first start, so overdue items are overdue then. Idempotent: patients whose MRN exists are skipped.
 */
@Injectable()
export class DemoPatientsSeeder {
  readonly name = 'demo patients';

  constructor(
    private readonly dataSource: DataSource,
    private readonly patients: PatientsService,
    private readonly workups: WorkupsService,
    private readonly actions: ItemActionsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly followup: DemoFollowupSeeder,
  ) {}

  async seed(): Promise<void> {
    const contexts = await this.contexts();
    for (const patient of DEMO_PATIENTS) {
      const exists = (await this.dataSource.query(
        'SELECT 1 FROM patients WHERE mrn = $1',
        [patient.mrn],
      )) as unknown[];
      if (exists.length === 0) {
        await this.seedPatient(patient, contexts).catch((error: unknown) => {
          // Another replica seeding at the same moment registered this patient first.
          if (
            !(error instanceof DomainError && error.code === 'duplicate_mrn')
          ) {
            throw error;
          }
        });
      }
    }
    await this.followup.seed(contexts);
  }

  private async seedPatient(
    patient: DemoPatient,
    contexts: Readonly<Record<'hematologist' | 'coordinator', RequestContext>>,
  ): Promise<void> {
    const registered = await this.patients.register(contexts.coordinator, {
      mrn: patient.mrn,
      givenName: patient.givenName,
      familyName: patient.familyName,
      birthDate: patient.birthDate,
      sex: patient.sex,
    });
    if (patient.workup === 'none') {
      return;
    }
    let view = await this.workups.open(
      contexts.hematologist,
      registered.id,
      {},
      patient.openedOnVersion,
    );
    for (const step of patient.steps) {
      view = await this.run(view, step, contexts[step.as]);
    }
    if (patient.upgrade !== undefined) {
      view = await this.workups.upgrade(contexts.hematologist, view.id, {
        version: view.version,
        reason: patient.upgrade.reason,
      });
      for (const step of patient.upgrade.steps) {
        view = await this.run(view, step, contexts[step.as]);
      }
    }
    if (patient.workup === 'closed') {
      await this.workups.close(contexts.hematologist, view.id, {
        version: view.version,
        reason: patient.closeReason ?? 'Closed',
      });
    }
  }

  private run(
    view: WorkupView,
    step: DemoStep,
    context: RequestContext,
  ): Promise<WorkupView> {
    const item = view.items.find((i) => i.key === step.key);
    if (item === undefined) {
      throw new Error(`Demo step names an unknown item: ${step.key}`);
    }
    const body = {
      version: item.version,
      ...this.absoluteDates(step.body ?? {}),
    };
    return this.actions.act(context, view.id, {
      key: step.key,
      action: step.action,
      body,
    } as ItemActionCommand);
  }

  /** `dueInDays`, `scheduledInDays` and `performedDaysAgo` become dates relative to today. */
  private absoluteDates(
    body: Record<string, unknown>,
  ): Record<string, unknown> {
    const { dueInDays, scheduledInDays, performedDaysAgo, ...rest } = body as {
      dueInDays?: number;
      scheduledInDays?: number;
      performedDaysAgo?: number;
    } & Record<string, unknown>;
    const now = this.clock.now();
    const today = todayIn(this.config.clinicTimeZone, now);
    return {
      ...rest,
      ...(dueInDays !== undefined && { dueDate: addDays(today, dueInDays) }),
      ...(scheduledInDays !== undefined && {
        scheduledAt: `${addDays(today, scheduledInDays)}T09:00:00Z`,
      }),
      ...(performedDaysAgo !== undefined && {
        performedAt: new Date(
          now.getTime() - performedDaysAgo * DAY_MS,
        ).toISOString(),
      }),
    };
  }

  private async contexts(): Promise<
    Record<'hematologist' | 'coordinator', RequestContext>
  > {
    const context = async (role: Role): Promise<RequestContext> => {
      const user = await this.dataSource
        .getRepository(UserEntity)
        .findOneByOrFail({ username: role, role });
      return {
        actor: {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role,
        },
        requestId: 'demo-seed',
        clientIp: 'local',
      };
    };
    return {
      hematologist: await context('hematologist'),
      coordinator: await context('coordinator'),
    };
  }
}
