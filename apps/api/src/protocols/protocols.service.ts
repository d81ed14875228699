import { Injectable } from '@nestjs/common';
import { getProtocol, type ProtocolDefinition } from '@poems/domain';

@Injectable()
export class ProtocolsService {
  /**
   * A protocol's catalog at a published version, or the newest one.
   * @throws DomainError `not_found` for an unknown key or version.
   */
  find(key: string, version?: number): ProtocolDefinition {
    return getProtocol(key, version);
  }
}
