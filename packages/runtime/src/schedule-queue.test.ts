import { checkScheduleCron, scheduleTickTime } from './schedule-queue';

const NOW = Date.UTC(2026, 2, 28, 12); // the day before Europe's spring DST change

test.each([
  ['0 6 * * *', 'UTC'],
  ['* * * * *', 'UTC'],
  ['0,1 * * * *', 'UTC'],
  // 02:30 does not exist in Paris on 2026-03-29; the ticks stay a day apart or so, never closer than a minute.
  ['30 2 * * *', 'Europe/Paris'],
  ['0 */6 * * 1-5', 'America/New_York'],
])('%s in %s is a valid schedule at one tick a minute at most', (cron, tz) => {
  expect(checkScheduleCron(cron, tz, 60, NOW)).toBeUndefined();
});

test.each([
  ['*/30 * * * * *', 'UTC', 60, '"*/30 * * * * *" fires every 30 s at times; a schedule may fire at most once every 60 s'],
  ['* * * * *', 'UTC', 120, '"* * * * *" fires every 60 s at times; a schedule may fire at most once every 120 s'],
  ['0 6 * * *', 'Nowhere/Else', 60, '"Nowhere/Else" is not an IANA time zone (e.g. "UTC", "Europe/Paris")'],
])('%s in %s with a %i s minimum is refused', (cron, tz, min, message) => {
  expect(checkScheduleCron(cron, tz, min, NOW)).toBe(message);
});

test('an expression the parser cannot read is refused with its reason', () => {
  expect(checkScheduleCron('0 25 * * *', 'UTC', 60, NOW)).toMatch(/^"0 25 \* \* \*" is not a cron expression \(.+\); e\.g\. "0 6 \* \* \*" is every day at 06:00$/);
});

test("a tick's time is the scheduler's planned time, not when it was picked up", () => {
  expect(scheduleTickTime({ id: 'repeat:s:1000', opts: { prevMillis: 4000 }, timestamp: 9000 })).toEqual(new Date(4000));
  expect(scheduleTickTime({ id: 'repeat:s:1000', opts: {}, timestamp: 9000 })).toEqual(new Date(1000));
  expect(scheduleTickTime({ id: 'other', opts: {}, timestamp: 9000 })).toEqual(new Date(9000));
});
