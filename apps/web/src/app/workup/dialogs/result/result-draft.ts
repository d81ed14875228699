import { type ResultForm, addValueRow } from './result-form';

/** Where an unsaved result waits in the tab's session storage, per item. */
export const RESULT_DRAFT_PREFIX = 'pw-result-draft:';

/** A result being typed, as kept in session storage. */
interface StoredDraft {
  /** The item's version the draft was typed against: a changed item makes it stale. */
  readonly version: number;
  readonly rows: number;
  readonly value: unknown;
}

/**
 * The draft of one item's result in this tab's session storage: a session that ends (idle
 * time-out, forced sign-in) closes the dialog, and what was typed waits here until it is saved
 * or cancelled.
 */
export class ResultDraft {
  private readonly key: string;

  constructor(
    target: { readonly workupId: string; readonly key: string },
    private readonly version: number,
  ) {
    this.key = `${RESULT_DRAFT_PREFIX}${target.workupId}/${target.key}`;
  }

  keep(form: ResultForm): void {
    const draft: StoredDraft = {
      version: this.version,
      rows: form.controls.values.length,
      value: form.getRawValue(),
    };
    try {
      sessionStorage.setItem(this.key, JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the dialog still works, without a draft.
    }
  }

  /** Refills the form from a draft typed against this version; true when there was one. */
  restoreInto(form: ResultForm): boolean {
    let draft: StoredDraft | null = null;
    try {
      draft = JSON.parse(
        sessionStorage.getItem(this.key) ?? 'null',
      ) as StoredDraft | null;
    } catch {
      draft = null;
    }
    if (draft === null || draft.version !== this.version) {
      // Typed against an item that has changed since: it could overwrite someone else's result.
      this.discard();
      return false;
    }
    while (form.controls.values.length < draft.rows) {
      addValueRow(form);
    }
    form.patchValue(draft.value as never);
    return true;
  }

  discard(): void {
    sessionStorage.removeItem(this.key);
  }
}
