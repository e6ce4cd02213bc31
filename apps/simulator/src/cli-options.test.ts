import { describe, expect, it } from 'vitest';
import { CliError, parseCliOptions, parseDurationMs, parseSuperiorOptions } from './cli-options.ts';
import { liveStart } from './run.ts';

const NOW = new Date('2026-11-25T08:00:00.750Z');
const parse = (args: string, files: Record<string, string> = {}) =>
  parseCliOptions(args.split(' ').filter(Boolean), NOW, (path) => {
    const content = files[path];
    if (content === undefined) throw new Error('ENOENT');
    return content;
  });

describe('parseCliOptions', () => {
  it('reads every option', () => {
    expect(
      parse(
        '--vessels 10 --speed 60 --duration 1h30m --seed s1 --ais udp://127.0.0.1:10110 --jt808 localhost:6808 --http http://127.0.0.1:3000 --api-key hbk_x --phones 13916001001,013816002001 --capture out.txt --start 2026-11-25T00:00:00Z --wait http://127.0.0.1:3000/readyz --schedule http://127.0.0.1:3000 --login operator@port.harbor.local:harbor:demo --book-slots http://127.0.0.1:3000 --dispatchers dispatcher@dhcl.harbor.local:a,dispatcher@lgft.harbor.local:b:c',
      ),
    ).toEqual({
      vessels: 10,
      vehicles: ['013916001001', '013816002001'],
      seed: 's1',
      start: new Date('2026-11-25T00:00:00Z'),
      durationMs: 5_400_000,
      speed: 60,
      ais: { protocol: 'udp', host: '127.0.0.1', port: 10110 },
      jt808: { host: 'localhost', port: 6808 },
      http: { url: 'http://127.0.0.1:3000', apiKey: 'hbk_x' },
      capture: 'out.txt',
      wait: 'http://127.0.0.1:3000/readyz',
      // The password is everything after the first colon.
      schedule: {
        url: 'http://127.0.0.1:3000',
        email: 'operator@port.harbor.local',
        password: 'harbor:demo',
      },
      bookings: {
        url: 'http://127.0.0.1:3000',
        dispatchers: [
          { email: 'dispatcher@dhcl.harbor.local', password: 'a' },
          { email: 'dispatcher@lgft.harbor.local', password: 'b:c' },
        ],
      },
    });
  });

  it('has defaults and reads a phones file', () => {
    const options = parse('--jt808 127.0.0.1:6808 --phones-file p.txt --vehicles 1', {
      'p.txt': '# fleet\n013916001001\n013916001002 # spare\n',
    });
    expect(options).toMatchObject({
      vessels: 30,
      vehicles: ['013916001001'],
      seed: 'harbor',
      speed: 1,
      durationMs: null,
      start: new Date('2026-11-25T08:00:00Z'),
      schedule: null,
      bookings: null,
    });
    expect(parse('--capture x --vehicles 5')).toMatchObject({ vehicles: 5 });
  });

  it('dates a run faster than life to end now, so no fix is from the future', () => {
    // 2 h at x60 takes 2 min: it starts 1 h 58 min back and reaches the wall clock at the end.
    const options = parse('--speed 60 --duration 2h --jt808 127.0.0.1:6808');
    if (options === 'help') throw new Error('not help');
    expect(options.start).toEqual(new Date('2026-11-25T06:02:00Z'));
    const end = options.start.getTime() + 7_200_000;
    expect(end).toBe(NOW.getTime() - 750 + 120_000);
    expect(parse('--speed max --duration 1d --ais tcp://127.0.0.1:10110')).toMatchObject({
      start: new Date('2026-11-24T08:00:00Z'),
    });
    // Life's pace, or slower: from now.
    expect(parse('--speed 0.5 --jt808 127.0.0.1:6808')).toMatchObject({
      start: new Date('2026-11-25T08:00:00Z'),
    });
    expect(liveStart(new Date(0), 1, 3_600_000)).toEqual(new Date(0));
    // Faster than life with no end cannot be dated: it asks for one.
    expect(() => parse('--speed 10 --jt808 127.0.0.1:6808')).toThrow(
      /--duration: is needed with --speed above 1 against a live Harbor/,
    );
  });

  it('refuses bad arguments with a clear message', () => {
    expect(() => parse('--vessels many --capture x')).toThrow(/--vessels: must be a number/);
    expect(() => parse('--ais http://x:1')).toThrow(/--ais: is tcp:\/\/host:port/);
    expect(() => parse('--http http://x:3000')).toThrow(/--api-key: is needed with --http/);
    expect(() => parse('--capture x --wait soon')).toThrow(/--wait: is an http/);
    expect(() => parse('--capture x --duration soon')).toThrow(/--duration: is like 90s/);
    expect(() => parse('--capture x --speed max')).toThrow(
      /--duration: is needed with --speed max/,
    );
    expect(() => parse('--capture x --speed 0')).toThrow(/--speed: must be above 0/);
    expect(() => parse('--jt808 nohost')).toThrow(/expected host:port/);
    expect(() => parse('--capture x --phones 123')).toThrow(/11 or 12 digits/);
    expect(() => parse('--capture x --phones-file missing')).toThrow(/cannot read --phones-file/);
    expect(() => parse('--vessels 3')).toThrow(/at least one of --ais/);
    expect(() => parse('--capture x --schedule http://127.0.0.1:3000')).toThrow(
      /--login: is needed with --schedule/,
    );
    expect(() => parse('--capture x --login ops@port.harbor.local:pw')).toThrow(
      /--schedule: is needed with --login/,
    );
    expect(() => parse('--capture x --book-slots http://127.0.0.1:3000')).toThrow(
      /--dispatchers: is needed with --book-slots/,
    );
    expect(() =>
      parse('--capture x --book-slots http://127.0.0.1:3000 --dispatchers a@b.c:pw,nocolon'),
    ).toThrow(/--dispatchers: is EMAIL:PASSWORD/);
    expect(() =>
      parse('--capture x --schedule 127.0.0.1:3000 --login ops@port.harbor.local:pw'),
    ).toThrow(/--schedule: is an http/);
    for (const login of ['operator', 'operator:pw', 'ops@port.harbor.local:', ':pw'])
      expect(() => parse(`--capture x --schedule http://h:3000 --login ${login}`)).toThrow(
        /--login: is EMAIL:PASSWORD/,
      );
    expect(() => parse('--bogus')).toThrow(CliError);
    expect(parse('--help')).toBe('help');
  });

  it('takes the options after the separator pnpm passes on', () => {
    expect(parse('-- --speed 60 --vessels 3 --capture /tmp/c.txt')).toMatchObject({
      speed: 60,
      vessels: 3,
    });
  });

  it('reads durations', () => {
    expect(parseDurationMs('90s')).toBe(90_000);
    expect(parseDurationMs('10m')).toBe(600_000);
    expect(parseDurationMs('2h')).toBe(7_200_000);
    expect(parseDurationMs('1d')).toBe(86_400_000);
    expect(parseDurationMs('2x')).toBeNull();
  });
});

describe('parseSuperiorOptions', () => {
  const superior = (args: string) => parseSuperiorOptions(args.split(' ').filter(Boolean));
  const DEMO = '--listen 127.0.0.1:10809 --user 10001 --password harbor88 --access-code 31000001';

  it('reads the demo options and the rest', () => {
    expect(superior(DEMO)).toEqual({
      listen: { host: '127.0.0.1', port: 10809 },
      edition: '2011',
      userId: 10001,
      password: 'harbor88',
      gnssCenterId: 31000001,
      keys: null,
      inspectEveryMs: null,
    });
    expect(
      superior(
        `${DEMO} --edition 2019 --inspect-every 300 --m1 30000000 --ia1 20000000 --ic1 20000000`,
      ),
    ).toMatchObject({
      edition: '2019',
      inspectEveryMs: 300_000,
      keys: { m1: 30000000, ia1: 20000000, ic1: 20000000 },
    });
    expect(superior(`${DEMO} --inspect-every 10m`)).toMatchObject({ inspectEveryMs: 600_000 });
    // The listener defaults to the demo address; `pnpm superior -- ...` passes a separator, and
    // an option given again (after the script's defaults) wins.
    expect(
      superior('--user 1 --password p --access-code 2 -- --password other --edition 2019'),
    ).toMatchObject({
      listen: { host: '127.0.0.1', port: 10809 },
      password: 'other',
      edition: '2019',
    });
    expect(superior('--help')).toBe('help');
  });

  it('refuses bad options with a clear message', () => {
    expect(() => superior('--password harbor88 --access-code 31000001')).toThrow(
      /--user: is required/,
    );
    expect(() => superior('--user 10001 --access-code 31000001')).toThrow(
      /--password: is required/,
    );
    expect(() => superior(`${DEMO} --edition 2020`)).toThrow(/--edition: is 2011 or 2019/);
    expect(() => superior(`${DEMO} --user ten`)).toThrow(/--user: must be a whole number/);
    expect(() => superior(`${DEMO} --access-code 4294967296`)).toThrow(
      /--access-code: is at most 4294967295/,
    );
    expect(() => superior(`${DEMO} --password harbor888`)).toThrow(
      /--password: is 1 to 8 ASCII characters/,
    );
    expect(() => superior(`${DEMO} --listen 10809`)).toThrow(/--listen: expected host:port/);
    expect(() => superior(`${DEMO} --inspect-every 2s`)).toThrow(/--inspect-every: .*at least 5 s/);
    expect(() => superior(`${DEMO} --m1 1 --ia1 2`)).toThrow(/give all of --m1, --ia1 and --ic1/);
    expect(() => superior(`${DEMO} --vessels 3`)).toThrow(CliError);
  });
});
