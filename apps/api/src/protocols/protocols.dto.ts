import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `GET /api/protocols/:key?version=`. */
export class ProtocolQuery {
  /** An older published version; omitted: the newest. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  version?: number;
}
