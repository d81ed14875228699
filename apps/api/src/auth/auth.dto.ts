import type {
  ChangePasswordRequest,
  LoginRequest,
  MfaConfirmRequest,
  MfaRegenerateRecoveryCodesRequest,
  MfaVerifyRequest,
  OidcExchangeRequest,
} from '@poems/contract';
import {
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-hasher';

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

export class ChangePasswordDto implements ChangePasswordRequest {
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  /** Checked against the password policy as well (length, strength, not the username). */
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, {
    message: `newPassword must be at least ${PASSWORD_MIN_LENGTH} characters long`,
  })
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}

/** The provider's back-channel logout request (form-encoded, Back-Channel Logout 1.0 §2.5). */
export class BackchannelLogoutDto {
  // The parameter's name is the specification's.
  @IsString()
  @IsNotEmpty()
  @MaxLength(16_384)
  logout_token!: string;
}

export class OidcExchangeDto implements OidcExchangeRequest {
  // 32 random bytes in base64url: 43 characters.
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  code!: string;
}

/** The second step of a sign-in: exactly one of `code` and `recoveryCode`. */
export class MfaVerifyDto implements MfaVerifyRequest {
  // 32 random bytes in base64url: 43 characters.
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  challengeToken!: string;

  @IsOptional()
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits of the authenticator app' })
  code?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  recoveryCode?: string;
}

export class MfaConfirmDto implements MfaConfirmRequest {
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits of the authenticator app' })
  code!: string;
}

/** The same proof as the enrolment's confirmation: one current code. */
export class MfaRegenerateRecoveryCodesDto
  extends MfaConfirmDto
  implements MfaRegenerateRecoveryCodesRequest {}
