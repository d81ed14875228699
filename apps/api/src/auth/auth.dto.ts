import type { LoginRequest } from '@poems/domain';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from './password-hasher';

export class LoginDto implements LoginRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username!: string;

  // No minimum here: a short password is simply wrong, and says nothing about the account.
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}
