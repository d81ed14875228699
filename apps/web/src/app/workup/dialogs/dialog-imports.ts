import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ErrorAlertComponent } from '../../core/ui/error-alert.component';

/** What every item action dialog's template uses. */
export const ACTION_DIALOG_IMPORTS = [
  ReactiveFormsModule,
  MatButtonModule,
  MatDialogModule,
  MatFormFieldModule,
  MatInputModule,
  ErrorAlertComponent,
] as const;
