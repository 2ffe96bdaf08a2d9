/**
 * Calendar days for the sample generator: plain year/month/day records, ISO
 * text, day arithmetic and age in full years (周岁).
 */
export interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;

/** Parse `YYYY-MM-DD`. */
export function parseDay(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new RangeError(`not an ISO date: ${iso}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** `YYYY-MM-DD`. */
export function isoDay(d: Day): string {
  return `${d.year}-${pad2(d.month)}-${pad2(d.day)}`;
}

export function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/** The day n days after d (n may be negative). */
export function addDays(d: Day, n: number): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + n * MS_PER_DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Age in full years on `ref`: birthdays passed on or before it. */
export function ageOn(birth: Day, ref: Day): number {
  const passed = ref.month > birth.month || (ref.month === birth.month && ref.day >= birth.day);
  return ref.year - birth.year - (passed ? 0 : 1);
}

/** A birth date on `month`/`day` (day ≤ 28) such that the age on `ref` is exactly `age`. */
export function birthForAge(age: number, ref: Day, month: number, day: number): Day {
  const passed = ref.month > month || (ref.month === month && ref.day >= day);
  return { year: ref.year - age - (passed ? 0 : 1), month, day };
}
