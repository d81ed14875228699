import type { Routes } from '@angular/router';

export const appRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'POEMS Workup Tracker',
    loadComponent: () => import('./home/home-page.component'),
  },
  {
    path: '**',
    title: 'Page not found · POEMS Workup Tracker',
    loadComponent: () => import('./not-found/not-found-page.component'),
  },
];
