import { PERSON_ROLES, type Role } from '@poems/domain';
import {
  type CreateUserRequest,
  type UpdateUserRequest,
} from '@poems/contract';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../auth/password-hasher';

const USERNAME = /^[A-Za-z0-9._-]{3,64}$/;

export class CreateUserDto implements CreateUserRequest {
  /** 3–64 letters, digits, dots, dashes or underscores; unique ignoring case. */
  @IsString()
  @Matches(USERNAME, {
    message:
      'username must be 3–64 letters, digits, dots, dashes or underscores',
  })
  username!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName!: string;

  @IsIn(PERSON_ROLES)
  role!: Role;

  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

/**
 * Like `@IsOptional()`, but only a missing field is skipped: `null` is validated, and refused. An
 * update treats null as a value, which would reach NOT NULL columns or the password hasher.
 */
function IsAbsentOr(): PropertyDecorator {
  return ValidateIf((_body: object, value: unknown) => value !== undefined);
}

export class UpdateUserDto implements UpdateUserRequest {
  /** The user's current `version` (optimistic locking). */
  @IsInt()
  @Min(1)
  version!: number;

  @IsAbsentOr()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  @IsAbsentOr()
  @IsIn(PERSON_ROLES)
  role?: Role;

  @IsAbsentOr()
  @IsBoolean()
  active?: boolean;

  /** A new password (reset by an admin). */
  @IsAbsentOr()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `password must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;

  /** Clears a lock after failed sign-ins. */
  @IsOptional()
  @IsBoolean()
  unlock?: boolean;
}

export class ListUsersQuery {
  // Bounded like every paged query: (page - 1) * pageSize must stay a valid OFFSET.
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}
