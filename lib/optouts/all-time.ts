import { addDays, utcMsToDay } from "@/lib/time/calendar";

/**
 * The API range that holds every opt-out ever: the API needs a range, so from a day before
 * any account existed to the day after tomorrow (UTC), which no opt-out can be after.
 */
export function allTimeOptOutRange(now: number): { startDate: string; endDate: string } {
  return { startDate: "2000-01-01", endDate: addDays(utcMsToDay(now), 2) };
}
