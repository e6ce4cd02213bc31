// @vitest-environment node

import { nodeClient } from '@harbor/api/testing';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { SCREEN_PATHS, type Screen } from '../../src/auth/screens.ts';
import { assertAccessible, browserForBlock, PASSWORD, VIEWPORTS } from './stack.ts';

// Every screen every demo role has, in Chinese on a 1280×720 screen: no English word but the
// trade's own abbreviations and the demo data's own names, no raw status code, no serious
// accessibility violation, no page error.

const harbor = inject('harbor');

const ROLES = [
  'admin@port.harbor.local',
  'operator@port.harbor.local',
  'admin@dhcl.harbor.local',
  'dispatcher@dhcl.harbor.local',
  'viewer@lgft.harbor.local',
];

/**
 * Words a Chinese user reads as they are: the trade's abbreviations and units, and the demo
 * data's own names (people's names in pinyin, the simulator's ships are in capitals).
 */
const ALLOWED = new Set([
  'Harbor',
  'MMSI',
  'IMO',
  'AIS',
  'ETA',
  'ETD',
  'ATA',
  'ATB',
  'ATD',
  'API',
  'CSV',
  'TEU',
  'KPI',
  'UTC',
  'VIN',
  'SIM',
  'GPS',
  'DCSA',
  'SMDG',
  'LOCODE',
  'knots',
  'Leaflet',
  'OpenStreetMap',
  'Natural',
  'Earth',
  // The demo accounts' and drivers' names (周敏 Zhou Min, ...), and the seeded accounts named
  // by their role (an account's name is what its administrator typed).
  'Zhou',
  'Min',
  'Sun',
  'Huang',
  'Tao',
  'Zhang',
  'Wei',
  'Qiang',
  'Wang',
  'Lei',
  'Liu',
  'Yang',
  'Chen',
  'Jie',
  'Fan',
  'Port',
  'Administrator',
  'Viewer',
  'DHCL',
  'LGFT',
  // A language is named in its own language in the switch; the port's IANA time zone.
  'English',
  'Asia',
  'Shanghai',
  // What a user sends as it is: an HTTP header and path.
  'Authorization',
  'Bearer',
  'ingest',
]);

/**
 * The words of what people entered, read from the api: accounts' names and emails, drivers'
 * names, API keys' names (and the random prefixes they are shown by), and organizations'
 * registered (English) names, which the organizations screen lists beside their Chinese ones.
 * Data, not the admin's own words.
 */
async function enteredWords(url: string): Promise<Set<string>> {
  const { client } = await nodeClient(url, {
    email: 'admin@port.harbor.local',
    password: PASSWORD,
  });
  const dhcl = await nodeClient(url, { email: 'admin@dhcl.harbor.local', password: PASSWORD });
  const texts = [
    ...(await client.users.list.query({ limit: 500 })).items.flatMap((u) => [u.name, u.email]),
    ...(await client.drivers.list.query({ limit: 500 })).items.map((d) => d.name),
    ...(await client.organizations.list.query()).map((o) => o.name),
    // A key's name, and its prefix: random characters (`hbk_-kwf` reads as a word).
    ...(await client.apiKeys.list.query()).flatMap((k) => [k.name, k.prefix]),
    ...(await dhcl.client.apiKeys.list.query()).flatMap((k) => [k.name, k.prefix]),
  ];
  return new Set(texts.flatMap((text) => text.match(/[A-Za-z]+/g) ?? []));
}

/** English words in the page's visible text that are not allowed, and raw codes (AT_PICKUP). */
async function englishIn(page: Page, entered: Set<string>): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: the text as shown; textContent would read hidden text too
  const text = await page.locator('main.content').innerText();
  const words = text.match(/\b[A-Za-z]*[a-z]{3,}[A-Za-z]*\b/g) ?? [];
  const codes = text.match(/\b[A-Z]{2,}_[A-Z_]{2,}\b/g) ?? [];
  return [
    ...new Set([...words.filter((word) => !ALLOWED.has(word) && !entered.has(word)), ...codes]),
  ];
}

describe.skipIf(!harbor)('the admin in Chinese, every screen of every role', () => {
  const stack = browserForBlock(harbor);

  it.each(ROLES)('%s sees Chinese only', async (email) => {
    let entered = await enteredWords(stack.harbor.url);
    const page = await stack.page(email, { locale: 'zh-CN', viewport: VIEWPORTS.small });
    const screens = (await page
      .locator('.sidenav a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('data-screen')))) as Screen[];
    const found: string[] = [];
    for (const screen of screens) {
      await page.goto(SCREEN_PATHS[screen]);
      await page.locator('main.content > *').first().waitFor();
      // Loaded: no loading state left on the screen.
      await expect
        .poll(() => page.locator('main.content .state-loading').count(), { timeout: 60_000 })
        .toBe(0);
      let words = await englishIn(page, entered);
      if (words.length > 0) {
        // The other browser test files add people and keys while this one runs: what was
        // entered since the list was read is data too, not the admin's words.
        entered = await enteredWords(stack.harbor.url);
        words = words.filter((word) => !entered.has(word));
      }
      for (const word of words) found.push(`${screen}: ${word}`);
      // Every screen's problems together, not only the first screen's.
      await assertAccessible(page).catch((error: Error) =>
        found.push(`${screen}: ${error.message}`),
      );
    }
    expect(found).toEqual([]);
    await page.context().close();
  });
});
