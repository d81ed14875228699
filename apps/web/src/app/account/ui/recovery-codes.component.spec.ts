import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RecoveryCodesComponent } from './recovery-codes.component';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RecoveryCodesComponent],
  template: `
    <pw-recovery-codes
      [codes]="codes()"
      heading="Save your recovery codes"
      savedLabel="I have saved them"
      (saved)="saved = saved + 1"
    >
      Each code signs you in once.
    </pw-recovery-codes>
  `,
})
class HostComponent {
  readonly codes = signal<readonly string[]>(['aaaa-1111', 'bbbb-2222']);
  saved = 0;
}

describe('RecoveryCodesComponent', () => {
  async function render() {
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    return { fixture, page: fixture.nativeElement as HTMLElement };
  }

  it('shows the heading, the explanation and every code in a named list', async () => {
    const { page } = await render();

    expect(page.querySelector('h2')?.textContent?.trim()).toBe(
      'Save your recovery codes',
    );
    expect(page.querySelector('p')?.textContent?.trim()).toBe(
      'Each code signs you in once.',
    );
    const list = page.querySelector('ul[aria-label="Recovery codes"]');
    expect(
      Array.from(list?.querySelectorAll('li') ?? []).map((li) =>
        li.textContent?.trim(),
      ),
    ).toEqual(['aaaa-1111', 'bbbb-2222']);
  });

  it('says the codes were saved when the user presses the button', async () => {
    const { fixture, page } = await render();

    const button = page.querySelector('button');
    expect(button?.textContent?.trim()).toBe('I have saved them');
    button?.click();

    expect(fixture.componentInstance.saved).toBe(1);
  });
});
