import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/harbor-decode.mjs');

function run(args: string[], input = '') {
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8' });
  return {
    status: result.status,
    json: result.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>),
    stderr: result.stderr.split('\n').filter(Boolean),
  };
}

const CAPTURE = [
  '# a capture mixing all three, with bad lines between good ones',
  '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A',
  'junk',
  '!AIVDM,2,1,1,A,55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp8,0*1C',
  '$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47',
  '!AIVDM,2,2,1,A,88888888880,2*25',
  '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4B',
  '7e0200001f01207646327900400000000000006002015c7ab706d20469003b0000000025040216362606013e6b7e',
  '7e 02 00 00 1f 01 20 76 46 32 79 00 40 00 00 00 00 00 00 60 02 01 5c 7a b7 06 d2 04 69 00 3b 00 00 00 00 25 04 02 16 36 26 06 01 3e 6c 7e',
  '',
].join('\n');

describe('harbor-decode', () => {
  it('decodes a mixed capture from stdin, one JSON object per message, errors with line numbers', () => {
    const { status, json, stderr } = run([], CAPTURE);
    expect(status).toBe(0);
    expect(
      json.map((m) => [
        m.class,
        m.type ?? m.sentence ?? (m.header as { messageId: number }).messageId,
      ]),
    ).toEqual([
      ['AIS', 1],
      ['NMEA', 'GGA'],
      ['AIS', 5],
      ['JT808', 0x0200],
    ]);
    expect(json[2]).toMatchObject({
      shipName: 'EVER DIADEM',
      destination: 'NEW YORK',
      channel: 'A',
    });
    expect(stderr).toEqual([
      'line 3: unknown: line: not an AIS (!), NMEA ($) or JT/T 808 (hex from 7e) line',
      'line 7: ais: checksum: checksum is 4B, computed 4A',
      'line 9: jt808: checkCode: check code is 0x6c, computed 0x6b',
      'harbor-decode: 8 lines, 4 messages decoded (ais 2, jt808 1, nmea 1), 3 errors, 1 lines waiting for more fragments',
    ]);
  });

  it('reads files, names them in errors, and goes on past one it cannot read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'harbor-decode-'));
    const file = join(dir, 'capture.nmea');
    writeFileSync(file, 'garbage\n$GPVTG,054.7,T,034.4,M,005.5,N,010.2,K*48\n');
    const { status, json, stderr } = run([join(dir, 'missing.nmea'), file]);
    expect(status).toBe(1);
    expect(json).toEqual([
      expect.objectContaining({ class: 'NMEA', sentence: 'VTG', speedKnots: 5.5 }),
    ]);
    expect(stderr[0]).toMatch(/cannot read .*missing\.nmea/);
    expect(stderr[1]).toBe(
      `${file}:1: unknown: line: not an AIS (!), NMEA ($) or JT/T 808 (hex from 7e) line`,
    );
  });

  it('takes --format instead of detecting, and refuses an unknown one', () => {
    const forced = run(['--format', 'nmea'], '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n');
    expect(forced.json).toEqual([]);
    expect(forced.stderr[0]).toBe('line 1: nmea: sentence: an NMEA sentence starts with $');
    expect(run(['--format', 'gpx']).status).toBe(2);
  });

  it('takes its options after the -- that `pnpm harbor-decode -- ...` passes on', () => {
    const forced = run(
      ['--', '--format', 'nmea'],
      '!AIVDM,1,1,,A,15RTgt0PAso;90TKcjM8h6g208CQ,0*4A\n',
    );
    expect(forced.status).toBe(0);
    expect(forced.stderr[0]).toBe('line 1: nmea: sentence: an NMEA sentence starts with $');
  });

  it('prints byte fields (a parameter value, a photo) as hex', () => {
    // A published 0x0104 (SmallChi/JT808): parameter 0x0001, the heartbeat interval, 10 s.
    const { json } = run([], '7E0104000C000123456789000A00140100000001040000000A907E\n');
    expect(json[0]?.body).toEqual({
      messageId: 0x0104,
      replySerial: 20,
      parameters: [{ id: 1, value: '0000000a' }],
    });
  });
});
