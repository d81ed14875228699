import {
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { may, type Role } from '@poems/domain';
import { type WorkupView } from '@poems/contract';
import { IconComponent } from '../../core/ui/icon.component';
import { upgradeOffer, type UpgradeOffer } from '../util/upgrade-offer';

/**
 * On an open workup pinned to an older protocol version: what the newest version would change,
 * and (for a hematologist) the way to move to it. Nothing shows on a workup already on the newest.
 */
@Component({
  selector: 'pw-upgrade-offer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, IconComponent],
  template: `
    @if (offer(); as offer) {
      <section class="offer" aria-labelledby="upgrade-offer-title">
        <pw-icon name="info" />
        <div class="offer__body">
          <h3 id="upgrade-offer-title" class="offer__title">
            Protocol version {{ offer.to }} is available
          </h3>
          <p>
            This workup follows version {{ offer.from }}. Moving it to version
            {{ offer.to }}
            @if (offer.added.length > 0) {
              adds:
            } @else {
              adds no items.
            }
          </p>
          @if (offer.added.length > 0) {
            <ul class="offer__added">
              @for (item of offer.added; track item.key) {
                <li>
                  {{ item.name }}
                  @if (!item.active) {
                    <span class="offer__note"
                      >(conditional: inactive until a hematologist activates
                      it)</span
                    >
                  }
                </li>
              }
            </ul>
          }
          <p>
            All {{ offer.kept }} current items are kept with their status,
            results and history; the criteria are evaluated again against
            version {{ offer.to }}.
          </p>
        </div>
        @if (canUpgrade()) {
          <button
            mat-stroked-button
            type="button"
            class="offer__action"
            (click)="upgrade.emit(offer)"
          >
            Upgrade to version {{ offer.to }}
          </button>
        }
      </section>
    }
  `,
  styles: `
    .offer {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 0.5rem 0.75rem;
      margin: 0.75rem 0;
      padding: 0.625rem 0.75rem;
      border: 1px solid var(--pw-info-fg);
      border-inline-start-width: 4px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--pw-info-bg);
      color: var(--pw-info-fg);
    }
    .offer__body {
      flex: 1 1 18rem;
      min-width: 0;
    }
    .offer__title {
      margin: 0 0 0.25rem;
      font: var(--mat-sys-title-small);
    }
    .offer__body p,
    .offer__added {
      margin: 0.25rem 0;
    }
    .offer__note {
      font-style: italic;
    }
    .offer__action {
      align-self: center;
    }
  `,
})
export class UpgradeOfferComponent {
  readonly workup = input.required<WorkupView>();
  readonly role = input.required<Role | null>();
  /** The hematologist chose to upgrade: the offer as it was shown. */
  readonly upgrade = output<UpgradeOffer>();

  protected readonly offer = computed(() => upgradeOffer(this.workup()));
  protected readonly canUpgrade = computed(() => {
    const role = this.role();
    return role !== null && may(role, 'workup.upgrade');
  });
}
