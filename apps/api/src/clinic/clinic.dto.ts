/** The clinic's clock and calendar settings every client shows dates and times with. */
export class ClinicDto {
  /** IANA time zone of the clinic (`CLINIC_TIME_ZONE`): every date and time is shown in it. */
  timeZone!: string;
  /** Days ahead an open item counts as due soon (`DUE_SOON_DAYS`). */
  dueSoonDays!: number;
}
