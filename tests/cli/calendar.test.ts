import { describe, expect, it } from 'vitest';
import { yearCalendar } from '../../src/cli/calendar.js';
import { commands } from '../../src/cli/commands.js';
import { runCli } from '../../src/cli/runCli.js';
import { fakeIo } from './fakeIo.js';

const calendar = async (...args: string[]) => {
  const io = fakeIo();
  const code = await runCli(['calendar', ...args], io, commands);
  return { code, out: io.stdout.text(), err: io.stderr.text() };
};

describe('calendar YEAR', () => {
  it('counts the business days of 2026 per month (Act 150/1930 § 5)', () => {
    const year = yearCalendar(2026);
    expect(year.months.map((m) => m.businessDays)).toEqual([20, 20, 22, 20, 19, 21, 23, 21, 22, 22, 21, 21]);
    expect(year.businessDays).toBe(252);
  });

  it('is every weekday minus the holidays that fall on a weekday', () => {
    for (const y of [2024, 2025, 2027, 2030]) {
      const year = yearCalendar(y);
      const days = year.months.reduce((sum, m) => sum + m.days, 0);
      let weekdays = 0;
      for (let d = 0; d < days; d++) {
        const weekday = new Date(Date.UTC(y, 0, 1 + d)).getUTCDay();
        if (weekday !== 0 && weekday !== 6) weekdays++;
      }
      const weekdayHolidays = year.holidays.filter((h) => h.weekday !== 'Sat' && h.weekday !== 'Sun').length;
      expect(year.businessDays).toBe(weekdays - weekdayHolidays);
    }
  });

  it('prints the holidays with their names and the monthly counts', async () => {
    const { code, out } = await calendar('2026');
    expect(code).toBe(0);
    expect(out).toMatch(/Fri 2026-06-19 {2}Midsummer Eve\s+juhannusaatto/);
    expect(out).toMatch(/Sun 2026-12-06 {2}Independence Day\s+itsenäisyyspäivä \(weekend\)/);
    expect(out).toMatch(/July\s+23 of 31/);
    expect(out).toMatch(/Total\s+252/);
    expect(out).not.toContain('12-31');
  });

  it('prints JSON with --json', async () => {
    const { code, out } = await calendar('2027', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out);
    expect(parsed.year).toBe(2027);
    expect(parsed.holidays).toHaveLength(15);
    expect(parsed.months).toHaveLength(12);
    expect(parsed.businessDays).toBe(
      parsed.months.reduce((s: number, m: { businessDays: number }) => s + m.businessDays, 0),
    );
  });

  it.each([[[]], [['20x']], [['1899']], [['2200']], [['2026', '2027']]])(
    'refuses %j with exit code 2',
    async (args) => {
      const { code, err, out } = await calendar(...args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toContain('jobseeker-ledger calendar --help');
    },
  );
});
