/**
 * The e2e clinic is in New York while the browser runs in Tokyo (playwright.config.ts): every
 * date and time a page shows must follow the clinic, so a page that used the browser's clock
 * would be off by 13–14 hours and fail the specs.
 */
export const E2E_CLINIC_TIME_ZONE = 'America/New_York';

/** The browser's zone, as far from the clinic's as a real remote reader's. */
export const E2E_BROWSER_TIME_ZONE = 'Asia/Tokyo';
