import { Injectable } from '@nestjs/common';
import { getProtocol, type ProtocolDefinition } from '@poems/domain';

@Injectable()
export class ProtocolsService {
  /**
   * The newest version of a protocol's catalog.
   * @throws DomainError `not_found` for an unknown key.
   */
  current(key: string): ProtocolDefinition {
    return getProtocol(key);
  }
}
