import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ManagedUserView, Page, SessionView } from '@poems/contract';
import { DataSource } from 'typeorm';
import { MfaService } from '../auth/mfa.service';
import { SessionsService } from '../auth/sessions.service';
import { RequirePermission } from '../common/decorators/access.decorators';
import {
  Ctx,
  type RequestContext,
} from '../common/request-context/request-context';
import { uuidPipe } from '../common/validation/uuid.pipe';
import { CreateUserDto, ListUsersQuery, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@RequirePermission('user.manage')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly dataSource: DataSource,
    private readonly mfa: MfaService,
  ) {}

  @ApiOperation({ summary: 'Every user, by username.' })
  @Get()
  list(@Query() query: ListUsersQuery): Promise<Page<ManagedUserView>> {
    return this.users.list(query.page, query.pageSize);
  }

  @ApiOperation({ summary: 'Creates a user (password of 12+ characters).' })
  @Post()
  create(
    @Ctx() context: RequestContext,
    @Body() body: CreateUserDto,
  ): Promise<ManagedUserView> {
    return this.users.create(context, body);
  }

  @ApiOperation({
    summary:
      'Changes role, display name, active flag or password, or unlocks; takes the current version.',
  })
  @Patch(':id')
  update(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<ManagedUserView> {
    return this.users.update(context, id, body);
  }

  @ApiOperation({
    summary:
      'The user’s open sessions and those ended in the last day, newest first.',
  })
  @Get(':id/sessions')
  sessionsOf(@Param('id', uuidPipe) id: string): Promise<SessionView[]> {
    return this.sessions.listOf(id);
  }

  @ApiOperation({ summary: 'Ends every open session of the user.' })
  @Post(':id/sessions/end')
  @HttpCode(HttpStatus.NO_CONTENT)
  async endSessions(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
  ): Promise<void> {
    await this.sessions.listOf(id);
    await this.dataSource.transaction((m) =>
      this.sessions.endAllOf(m, context, id, 'ended_by_admin'),
    );
  }

  @ApiOperation({ summary: 'Ends one session of the user.' })
  @Post(':id/sessions/:session/end')
  @HttpCode(HttpStatus.NO_CONTENT)
  async endSession(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
    @Param('session', uuidPipe) session: string,
  ): Promise<void> {
    await this.sessions.endForAdmin(context, id, session);
  }

  @ApiOperation({
    summary:
      'Resets the user’s two-step sign-in (a lost phone): authenticator and recovery codes removed, every session ended.',
  })
  @Delete(':id/mfa')
  @HttpCode(HttpStatus.NO_CONTENT)
  async resetMfa(
    @Ctx() context: RequestContext,
    @Param('id', uuidPipe) id: string,
  ): Promise<void> {
    await this.mfa.reset(context, id);
  }
}
