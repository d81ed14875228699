/** Whether the API and its database answer. */
export class HealthDto {
  /** `ok` when every dependency answers. */
  status!: 'ok' | 'error';
  database!: 'up' | 'down';
}
