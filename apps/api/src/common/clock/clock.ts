import { Injectable } from '@nestjs/common';

/**
 * The one source of "now" for clinical rules (today in the clinic's time zone, overdue, dates not
 * in the future). Tests that need another day replace `now` on the instance.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
