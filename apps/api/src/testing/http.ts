/* eslint-disable @typescript-eslint/no-explicit-any -- tests assert response bodies with matchers; typing every body would add casts, not safety */
import type { Role } from '@poems/domain';
import type { LoginResponse } from '@poems/contract';
import { randomUUID } from 'node:crypto';
import { InterfacesService } from '../inbound/interfaces/interfaces.service';
import { UsersService } from '../users/users.service';
import type { TestApp } from './test-app';

/** A response as tests inspect it. */
export interface TestResponse<T = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** Password of users made by {@link createUser} unless a test chooses one. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates a user directly through the users service (as the CLI does). */
export async function createUser(
  app: TestApp,
  options: {
    readonly role: Role;
    readonly username?: string;
    readonly password?: string;
    readonly displayName?: string;
  },
): Promise<{
  id: string;
  username: string;
  password: string;
  version: number;
}> {
  const username =
    options.username ?? `${options.role}-${randomUUID().slice(0, 8)}`;
  const password = options.password ?? TEST_PASSWORD;
  const user = await app.app.get(UsersService).create(
    { actor: null, requestId: 'test', clientIp: '127.0.0.1' },
    {
      username,
      displayName: options.displayName ?? `Test ${options.role}`,
      role: options.role,
      password,
    },
  );
  return { id: user.id, username, password, version: user.version };
}

/** Signs in over HTTP; throws unless the API answers 200. */
export async function signIn(
  app: TestApp,
  username: string,
  password: string,
): Promise<LoginResponse> {
  const response = await call(app, 'POST', '/api/auth/login', {
    body: { username, password },
  });
  if (response.status !== 200) {
    throw new Error(`sign-in of ${username} answered ${response.status}`);
  }
  return response.body as LoginResponse;
}

const tokens = new WeakMap<TestApp, Map<Role, Promise<string>>>();

/**
 * A bearer token of a user of the role, created once per test app. For the `interface` role (a
 * service identity that never signs in): the API key of a laboratory interface made for it.
 */
export function tokenFor(app: TestApp, role: Role): Promise<string> {
  let byRole = tokens.get(app);
  if (byRole === undefined) {
    byRole = new Map();
    tokens.set(app, byRole);
  }
  let token = byRole.get(role);
  if (token === undefined) {
    token =
      role === 'interface'
        ? interfaceKey(app)
        : createUser(app, { role }).then(
            async (user) =>
              (await signIn(app, user.username, user.password)).accessToken,
          );
    byRole.set(role, token);
  }
  return token;
}

/** A new laboratory interface (unique sender) and one API key of it, made directly through the service. */
export async function interfaceKey(app: TestApp): Promise<string> {
  const interfaces = app.app.get(InterfacesService);
  const context = { actor: null, requestId: 'test', clientIp: '127.0.0.1' };
  const suffix = randomUUID().slice(0, 8);
  const created = await interfaces.create(context, {
    name: `lab-${suffix}`,
    sendingApplication: `LIS-${suffix}`,
    sendingFacility: `LAB-${suffix}`,
  });
  return (await interfaces.createKey(context, created.id, {})).key;
}

/** One HTTP request to the test app; JSON in, JSON (or text) out. */
export async function call<T = any>(
  app: TestApp,
  method: string,
  path: string,
  options: {
    readonly token?: string;
    readonly body?: unknown;
    readonly headers?: Record<string, string>;
  } = {},
): Promise<TestResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) {
    headers['authorization'] = `Bearer ${options.token}`;
  }
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers,
    body:
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  const body = /json/.test(type) && text !== '' ? JSON.parse(text) : text;
  return {
    status: response.status,
    headers: response.headers,
    body: body as T,
  };
}

/** {@link call} as a role's user. */
export async function callAs<T = any>(
  app: TestApp,
  role: Role,
  method: string,
  path: string,
  body?: unknown,
): Promise<TestResponse<T>> {
  return call<T>(app, method, path, { token: await tokenFor(app, role), body });
}
