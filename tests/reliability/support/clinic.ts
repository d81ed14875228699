import type { Role } from '@poems/domain';
import type { LoginResponse, WorkupView } from '@poems/contract';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ROOT } from './api-process';
import { arrange, expectStatus } from './http';

/** Password of every account the checks create. */
export const PASSWORD = 'reliability-password';

/** A signed-in account. */
export interface Account {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly token: string;
}

/**
 * Creates the first admin the way an operator does, with `npm run user:create`'s built script
 * (which also applies the migrations), on a database no API has touched yet.
 */
export async function createFirstAdmin(databaseUrl: string): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'dist/apps/api/user-create.js'),
      '--username',
      'admin',
      '--role',
      'admin',
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin?.end(`${PASSWORD}\n`);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) {
    throw new Error(`user-create exited with ${code}: ${output}`);
  }
}

/** Signs in; throws unless the API answers 200. */
export async function signIn(
  baseUrl: string,
  username: string,
): Promise<LoginResponse> {
  return expectStatus<LoginResponse>(
    200,
    arrange(baseUrl, 'POST', '/api/auth/login', {
      body: { username, password: PASSWORD },
    }),
  );
}

/** Creates (as the admin) and signs in `count` accounts of each role. */
export async function createAccounts(
  baseUrl: string,
  perRole: Readonly<Partial<Record<Role, number>>>,
): Promise<Account[]> {
  const admin = await signIn(baseUrl, 'admin');
  const accounts: Account[] = [
    {
      id: admin.user.id,
      username: 'admin',
      role: 'admin',
      token: admin.accessToken,
    },
  ];
  for (const [role, count] of Object.entries(perRole) as [Role, number][]) {
    for (let i = 0; i < count; i += 1) {
      const username = `${role}-${i}-${randomBytes(3).toString('hex')}`;
      await expectStatus(
        201,
        arrange(baseUrl, 'POST', '/api/users', {
          token: admin.accessToken,
          body: {
            username,
            displayName: `Reliability ${role} ${i}`,
            role,
            password: PASSWORD,
          },
        }),
      );
      const session = await signIn(baseUrl, username);
      accounts.push({
        id: session.user.id,
        username,
        role,
        token: session.accessToken,
      });
    }
  }
  return accounts;
}

/** The first account of a role. */
export function accountOf(accounts: readonly Account[], role: Role): Account {
  const account = accounts.find((a) => a.role === role);
  if (account === undefined) {
    throw new Error(`no ${role} account`);
  }
  return account;
}

/** Registers `count` patients and opens a workup for each. */
export async function openWorkups(
  baseUrl: string,
  token: string,
  count: number,
): Promise<WorkupView[]> {
  const workups: WorkupView[] = [];
  for (let i = 0; i < count; i += 1) {
    const patient = await expectStatus<{ id: string }>(
      201,
      arrange(baseUrl, 'POST', '/api/patients', {
        token,
        body: {
          mrn: `R-${randomBytes(5).toString('hex')}`,
          givenName: 'Test',
          familyName: `Patient ${i}`,
          birthDate: '1960-01-01',
          sex: i % 2 === 0 ? 'female' : 'male',
        },
      }),
    );
    workups.push(
      await expectStatus<WorkupView>(
        201,
        arrange(baseUrl, 'POST', `/api/patients/${patient.id}/workups`, {
          token,
          body: {},
        }),
      ),
    );
  }
  return workups;
}
