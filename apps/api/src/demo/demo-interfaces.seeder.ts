import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InterfacesService } from '../inbound/interfaces/interfaces.service';
import type { DemoSeeder } from './demo-seeder';

/**
 * The demo laboratory interface: the sender the lab-interface reference's sample messages carry
 * (MSH-3 CITYLIS, MSH-4 CITYLAB) with its immunofixation answer codes, so every sample works
 * against `npm start` as it is.
 */
@Injectable()
export class DemoInterfacesSeeder implements DemoSeeder {
  readonly name = 'demo laboratory interface';

  constructor(private readonly interfaces: InterfacesService) {}

  async seed(manager: EntityManager): Promise<void> {
    const [exists] = (await manager.query(
      `SELECT 1 FROM lab_interfaces WHERE sending_application = 'CITYLIS' AND sending_facility = 'CITYLAB'`,
    )) as unknown[];
    if (exists !== undefined) {
      return;
    }
    await this.interfaces.create(
      { actor: null, requestId: 'demo-seed', clientIp: 'local' },
      {
        name: 'CITYLAB',
        sendingApplication: 'CITYLIS',
        sendingFacility: 'CITYLAB',
        mapping: {
          codedAnswers: [
            { system: '99CLAB', code: 'IFE-NEG', heavyChain: 'none' },
            {
              system: '99CLAB',
              code: 'IFE-GK',
              heavyChain: 'IgG',
              lightChain: 'kappa',
            },
            {
              system: '99CLAB',
              code: 'IFE-GL',
              heavyChain: 'IgG',
              lightChain: 'lambda',
            },
            {
              system: '99CLAB',
              code: 'IFE-AK',
              heavyChain: 'IgA',
              lightChain: 'kappa',
            },
            {
              system: '99CLAB',
              code: 'IFE-AL',
              heavyChain: 'IgA',
              lightChain: 'lambda',
            },
            {
              system: '99CLAB',
              code: 'IFE-MK',
              heavyChain: 'IgM',
              lightChain: 'kappa',
            },
            {
              system: '99CLAB',
              code: 'IFE-ML',
              heavyChain: 'IgM',
              lightChain: 'lambda',
            },
          ],
        },
      },
      manager,
    );
  }
}
