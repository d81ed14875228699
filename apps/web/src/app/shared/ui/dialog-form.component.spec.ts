import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatDialogRef } from '@angular/material/dialog';
import { Subject } from 'rxjs';
import { ApiError } from '../../core/api/api-error';
import { Submission } from '../../core/forms/submission';
import { DialogFormComponent } from './dialog-form.component';
import { ReasonFieldComponent } from './reason-field.component';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, DialogFormComponent, ReasonFieldComponent],
  template: `
    <pw-dialog-form
      [formGroup]="form"
      (ngSubmit)="submit()"
      [submission]="submission"
      heading="Close the workup"
      submitLabel="Close it"
      (reload)="reloads = reloads + 1"
    >
      <p>Closing ends the workup.</p>
      <pw-reason-field label="Reason" [required]="true" />
    </pw-dialog-form>
  `,
})
class HostComponent {
  readonly form = inject(NonNullableFormBuilder).group({
    reason: ['', [Validators.required]],
  });
  readonly submission = new Submission({ subject: 'workup' });
  readonly answer = new Subject<string>();
  readonly sent: string[] = [];
  reloads = 0;

  submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.sent.push(this.form.getRawValue().reason);
    this.submission.run(this.form, this.answer, () => undefined);
  }
}

describe('DialogFormComponent with ReasonFieldComponent', () => {
  async function render() {
    TestBed.configureTestingModule({
      providers: [{ provide: MatDialogRef, useValue: { close: jest.fn() } }],
    });
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const submit = (): HTMLButtonElement => {
      const button = root.querySelector<HTMLButtonElement>(
        'button[type="submit"]',
      );
      if (!button) {
        throw new Error('no submit button');
      }
      return button;
    };
    const typeReason = async (text: string): Promise<void> => {
      const area = root.querySelector<HTMLTextAreaElement>(
        'textarea[formcontrolname="reason"]',
      );
      if (!area) {
        throw new Error('no reason field');
      }
      area.value = text;
      area.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const text = (): string => root.textContent?.replace(/\s+/g, ' ') ?? '';
    return { fixture, root, submit, typeReason, text };
  }

  it('frames the projected fields with the heading and both buttons', async () => {
    const { root, submit } = await render();

    expect(root.querySelector('h2')?.textContent?.trim()).toBe(
      'Close the workup',
    );
    expect(root.querySelector('p')?.textContent).toBe(
      'Closing ends the workup.',
    );
    expect(submit().textContent?.trim()).toBe('Close it');
    expect(
      root.querySelector('button[mat-dialog-close]')?.textContent?.trim(),
    ).toBe('Back');
  });

  it('shows the reason field’s error when the form is sent without one', async () => {
    const { fixture, submit, text } = await render();

    submit().click();
    await fixture.whenStable();

    expect(fixture.componentInstance.sent).toEqual([]);
    expect(text()).toContain('Required');
  });

  it('sends the form once, with the submit button off while it is in flight', async () => {
    const { fixture, submit, typeReason } = await render();
    await typeReason('Evaluation complete');

    submit().click();
    await fixture.whenStable();

    expect(fixture.componentInstance.sent).toEqual(['Evaluation complete']);
    expect(submit().disabled).toBe(true);
    fixture.componentInstance.answer.next('done');
    fixture.componentInstance.answer.complete();
    await fixture.whenStable();
    expect(submit().disabled).toBe(false);
  });

  it('shows a stale version as an error with Reload, which it passes on', async () => {
    const { fixture, root, submit, typeReason, text } = await render();
    await typeReason('Evaluation complete');
    submit().click();
    await fixture.whenStable();

    fixture.componentInstance.answer.error(
      new ApiError(409, {
        type: 'https://poems-workup.dev/problems/stale_version',
        title: 'Stale version',
        status: 409,
      }),
    );
    await fixture.whenStable();

    expect(text()).toContain(
      'Someone else changed this workup — reload the latest and retry',
    );
    const reload = Array.from(root.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Reload',
    );
    reload?.click();
    expect(fixture.componentInstance.reloads).toBe(1);
  });
});
