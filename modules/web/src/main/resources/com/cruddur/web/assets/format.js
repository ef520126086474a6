// How times and lengths are shown. Lengths are in code points, as the server counts them: an emoji is one.

export function codePoints(text) {
  let count = 0;
  for (const _ of text) {
    count += 1;
  }
  return count;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "12s", "5m", "3h", then the date ("Mar 25"; with the year when it is not this year), in the person's time zone. */
export function age(iso, now) {
  const date = new Date(iso);
  const seconds = Math.max(0, Math.floor((now - date.getTime()) / 1000));
  if (seconds < MINUTE) {
    return `${seconds}s`;
  }
  if (seconds < HOUR) {
    return `${Math.floor(seconds / MINUTE)}m`;
  }
  if (seconds < DAY) {
    return `${Math.floor(seconds / HOUR)}h`;
  }
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return date.toLocaleDateString(undefined, sameYear
    ? { month: 'short', day: 'numeric' }
    : { month: 'short', day: 'numeric', year: 'numeric' });
}

const FULL = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'long' });

/** The full date and time in the person's own time zone, e.g. "Tuesday, December 1, 2026 at 9:30:12 PM GMT+1". */
export function fullDate(iso) {
  return FULL.format(new Date(iso));
}

/** What is left before an expiry: "2d", "5h", "12m", "40s"; null once it has passed. */
export function timeLeft(iso, now) {
  const seconds = Math.floor((new Date(iso).getTime() - now) / 1000);
  if (seconds <= 0) {
    return null;
  }
  if (seconds < MINUTE) {
    return `${seconds}s`;
  }
  if (seconds < HOUR) {
    return `${Math.floor(seconds / MINUTE)}m`;
  }
  if (seconds < DAY) {
    return `${Math.floor(seconds / HOUR)}h`;
  }
  return `${Math.floor(seconds / DAY)}d`;
}

export function expired(crud, now) {
  return crud.expiresAt !== null && new Date(crud.expiresAt).getTime() <= now;
}

export function plural(count, one, many) {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
