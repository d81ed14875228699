import {
  Body,
  Controller,
  Get,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ManagedUserView, Page } from '@poems/domain';
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
  constructor(private readonly users: UsersService) {}

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
}
