import { bootstrapApplication } from '@angular/platform-browser';
import { AppComponent } from './app/app.component';
import { appConfig } from './app/app.config';

bootstrapApplication(AppComponent, appConfig).catch((error: unknown) => {
  // Angular's ErrorHandler does not exist yet when bootstrap itself fails.
  // eslint-disable-next-line no-console
  console.error(error);
});
