import {
  provideHttpClient,
  withFetch,
  withInterceptors,
} from '@angular/common/http';
import {
  type ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { apiErrorInterceptor } from './core/api/api-error.interceptor';
import { authInterceptor } from './core/auth/auth.interceptor';
import { AuthService } from './core/auth/auth.service';
import { ClinicClock } from './core/clock/clinic-clock';
import { closeDialogsOnNavigation } from './core/layout/close-dialogs-on-navigation';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding()),
    // The auth interceptor comes first so that it sees the errors the error interceptor normalised.
    provideHttpClient(
      withFetch(),
      withInterceptors([authInterceptor, apiErrorInterceptor]),
    ),
    // Guards read the session synchronously: it must be restored before the first navigation.
    provideAppInitializer(() => inject(AuthService).restore()),
    // Every date on every page is on the clinic's clock: known before the first page renders.
    provideAppInitializer(() => inject(ClinicClock).load()),
    provideAppInitializer(closeDialogsOnNavigation),
  ],
};
