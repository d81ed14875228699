import type { Routes } from '@angular/router';
import {
  requirePermissions,
  signedInGuard,
  signedInOnlyGuard,
  signedOutGuard,
  startPageRedirect,
} from './core/auth/auth.guards';
import { permissionsOf } from './core/layout/navigation';

const title = (page: string): string => `${page} · POEMS Workup Tracker`;

export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: startPageRedirect },
  {
    path: 'sign-in/sso',
    title: title('Single sign-on'),
    canMatch: [signedOutGuard],
    loadComponent: () => import('./sign-in/sso-return-page.component'),
  },
  {
    path: 'sign-in',
    title: title('Sign in'),
    canMatch: [signedOutGuard],
    loadComponent: () => import('./sign-in/sign-in-page.component'),
  },
  {
    path: 'patients',
    title: title('Patients'),
    canActivate: [requirePermissions(...permissionsOf('/patients'))],
    loadComponent: () => import('./patients/patients-page.component'),
  },
  {
    path: 'patients/:id',
    title: title('Patient workup'),
    canActivate: [requirePermissions('patient.read', 'workup.read')],
    loadComponent: () => import('./workup/patient-workup-page.component'),
  },
  {
    path: 'worklist',
    title: title('Worklist'),
    canActivate: [requirePermissions(...permissionsOf('/worklist'))],
    loadComponent: () => import('./worklist/worklist-page.component'),
  },
  {
    path: 'reports',
    title: title('Reports'),
    canActivate: [requirePermissions(...permissionsOf('/reports'))],
    loadComponent: () => import('./reports/reports-page.component'),
  },
  {
    path: 'audit',
    title: title('Audit'),
    canActivate: [requirePermissions(...permissionsOf('/audit'))],
    loadComponent: () => import('./audit/audit-page.component'),
  },
  {
    path: 'users',
    title: title('Users'),
    canActivate: [requirePermissions(...permissionsOf('/users'))],
    loadComponent: () => import('./users/users-page.component'),
  },
  {
    path: 'inbox',
    title: title('Inbox'),
    canActivate: [requirePermissions(...permissionsOf('/inbox'))],
    loadComponent: () => import('./inbox/inbox-page.component'),
  },
  {
    path: 'interfaces',
    title: title('Interfaces'),
    canActivate: [requirePermissions(...permissionsOf('/interfaces'))],
    loadComponent: () => import('./interfaces/interfaces-page.component'),
  },
  {
    path: 'account/password',
    title: title('Change password'),
    canActivate: [signedInGuard],
    loadComponent: () => import('./account/password-page.component'),
  },
  {
    path: 'account/two-step',
    title: title('Two-step sign-in'),
    canActivate: [signedInOnlyGuard],
    loadComponent: () => import('./account/two-step-page.component'),
  },
  {
    path: 'forbidden',
    title: title('Not permitted'),
    canActivate: [signedInGuard],
    loadComponent: () => import('./forbidden/forbidden-page.component'),
  },
  {
    path: '**',
    title: title('Page not found'),
    loadComponent: () => import('./not-found/not-found-page.component'),
  },
];
