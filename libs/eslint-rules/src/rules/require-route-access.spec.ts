import { asEslintRule, ruleTester } from '../testing/rule-tester';
import requireRouteAccess = require('./require-route-access');

const rule = asEslintRule(requireRouteAccess);

const imports = `
import { Controller, Get, Post, Put, Patch, Delete } from '@nestjs/common';
import { Public } from '../common/decorators/public.decorator';
import { RequirePermission } from '../auth/require-permission.decorator';
`;

ruleTester.run('require-route-access', rule, {
  valid: [
    {
      name: 'permission on every handler',
      code: `${imports}
@Controller('patients')
export class PatientsController {
  @Get() @RequirePermission('patient.read') list(): string[] { return []; }
  @Post() @RequirePermission('patient.create') create(): void {}
}`,
    },
    {
      name: 'public marker on the handler',
      code: `${imports}
@Controller('health')
export class HealthController {
  @Public() @Get() check(): string { return 'ok'; }
}`,
    },
    {
      name: 'permission on the controller class covers every handler',
      code: `${imports}
@RequirePermission('audit.read')
@Controller('audit-events')
export class AuditController {
  @Get() list(): string[] { return []; }
  @Delete(':id') remove(): void {}
}`,
    },
    {
      name: 'public controller class',
      code: `${imports}
@Public()
@Controller('auth')
export class AuthController { @Post('login') login(): void {} }`,
    },
    {
      name: 'methods without a route decorator are not handlers',
      code: `${imports}
@Controller('x')
export class XController { helper(): number { return 1; } }`,
    },
    {
      name: 'classes that are not controllers are ignored',
      code: `${imports}
export class NotAController { @Get() list(): void {} }`,
    },
    {
      name: 'custom decorator names from options',
      options: [
        {
          publicDecorators: ['AllowAnonymous'],
          permissionDecorators: ['Roles'],
        },
      ],
      code: `
import { Controller, Get } from '@nestjs/common';
@Controller('x')
export class XController {
  @AllowAnonymous() @Get('a') a(): void {}
  @Roles('admin') @Get('b') b(): void {}
}`,
    },
    {
      name: 'class-level public with a stricter handler override',
      code: `${imports}
@Public()
@Controller('docs')
export class DocsController {
  @RequirePermission('admin') @Patch() update(): void {}
}`,
    },
  ],
  invalid: [
    {
      name: 'handler without any access declaration',
      code: `${imports}
@Controller('patients')
export class PatientsController {
  @RequirePermission('patient.read') @Get() list(): string[] { return []; }
  @Put(':id') update(): void {}
}`,
      errors: [
        {
          messageId: 'missingAccess',
          data: {
            handler: 'update',
            controller: 'PatientsController',
            public: 'Public',
            permission: 'RequirePermission',
          },
          line: 9,
        },
      ],
    },
    {
      name: 'every HTTP verb is a route',
      code: `${imports}
@Controller()
export class AppController {
  @Get() a(): void {}
  @Post() b(): void {}
  @Put() c(): void {}
  @Patch() d(): void {}
  @Delete() e(): void {}
}`,
      errors: Array.from({ length: 5 }, () => ({ messageId: 'missingAccess' })),
    },
    {
      name: 'aliased and namespaced Nest imports are still recognised',
      code: `
import * as common from '@nestjs/common';
import { Get as HttpGet, Controller as Ctl } from '@nestjs/common';
@Ctl('a')
export class AController { @HttpGet() a(): void {} }
@common.Controller('b')
export class BController { @common.Post() b(): void {} }`,
      errors: [{ messageId: 'missingAccess' }, { messageId: 'missingAccess' }],
    },
    {
      name: 'public and permission on the same handler contradict each other',
      code: `${imports}
@Controller('x')
export class XController {
  @Public() @RequirePermission('x.read') @Get() list(): void {}
}`,
      errors: [{ messageId: 'conflictingAccess' }],
    },
    {
      name: 'public and permission on the same class contradict each other',
      code: `${imports}
@Public()
@RequirePermission('x.read')
@Controller('x')
export class XController { @Get() list(): void {} }`,
      errors: [{ messageId: 'conflictingAccess' }],
    },
    {
      name: 'controller class expressions are checked too',
      code: `${imports}
export const X = @Controller('x') class { @Get() list(): void {} };`,
      errors: [
        {
          messageId: 'missingAccess',
          data: {
            handler: 'list',
            controller: '<anonymous>',
            public: 'Public',
            permission: 'RequirePermission',
          },
        },
      ],
    },
  ],
});
