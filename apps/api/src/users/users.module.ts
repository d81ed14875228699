import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/**
 * User management: accounts, roles, their sessions and second factors as an administrator sees
 * them. Hashing, the password policy, sessions and feed tokens come from the global AuthModule;
 * AuthModule in turn imports this module because SSO sign-in provisions users.
 */
@Module({
  controllers: [UsersController],
  providers: [UsersService],
  exports: [UsersService],
})
export class UsersModule {}
