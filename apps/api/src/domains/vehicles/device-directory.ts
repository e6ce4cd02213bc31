import { timingSafeEqual } from 'node:crypto';
import type { Db } from '@harbor/db';
import type { Jt808Version } from '@harbor/protocols/jt808';
import pLimit from 'p-limit';
import { Batcher, WriteBehind } from '../../core/batcher.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';

/**
 * The one way into the Device table for what the JT/T 808 gateway and the live positions need:
 * registration and authentication of terminals, and whose a device is (by terminal phone).
 * Listing devices and resetting a binding are `devices.ts`'s (procedures); a vehicle's terminal
 * is read with the vehicle.
 *
 * The terminals' registry (JT/T 808 §8.5-§8.8): which terminal a phone is
 * bound to, and the hash of the auth code it was issued. A phone is open to registration when
 * new or after an admin reset; the registration binds it to the registering terminal's id.
 * From then on only that terminal id registers it again (and gets a fresh code), and only
 * while the terminal is not online: a terminal registers again when it lost its code, so not
 * while it is connected and proven. (The terminal id travels in clear and may be printed on
 * the device; without this, whoever learns it could take the code from a working truck.)
 * Any other registration is refused, and an issued code is never handed out twice.
 */

/** 0x8100 results (§8.6): 0 ok, 3 terminal already registered, 4 no such terminal. */
export const REGISTERED = 0;
export const ALREADY_REGISTERED = 3;
export const NO_SUCH_TERMINAL = 4;

/** 128 bits from the system's CSPRNG: not guessable, so a fast hash is enough to store it. */
const AUTH_CODE_BYTES = 16;

export function newAuthCode(): string {
  return newSecret(AUTH_CODE_BYTES);
}

/**
 * SHA-256 hex (secrets.ts). A slow password hash (argon2) is for low-entropy secrets people
 * choose; a 128-bit random code cannot be brute-forced from its SHA-256, and authentication
 * stays cheap when a fleet reconnects at once.
 */
export function hashAuthCode(code: string): string {
  return hashSecret(code);
}

/** Whether `presented` is the code whose hash is stored; constant time in the code. */
export function isAuthCode(presented: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const stored = Buffer.from(storedHash, 'hex');
  const given = Buffer.from(hashSecret(presented), 'hex');
  return stored.length === given.length && timingSafeEqual(stored, given);
}

export type Registration = {
  terminalPhone: string;
  version: Jt808Version;
  manufacturerId: string;
  terminalModel: string;
  terminalId: string;
  /**
   * The plate colour the terminal registers with (JT/T 415: 1 blue, 2 yellow, 3 black, 4 white,
   * 9 other; 0 an unlicensed vehicle, named by its VIN). Absent: not reported.
   */
  plateColor?: number;
  /** The phone is authenticated on a live connection (of this gateway) right now. */
  isOnline: boolean;
};

/** JT/T 415 plate colours a vehicle can carry (0, no plate, says nothing of one). */
const PLATE_COLOURS = new Set([1, 2, 3, 4, 9]);

export type RegistrationOutcome =
  | { result: typeof REGISTERED; authCode: string; isRotation: boolean }
  | { result: typeof ALREADY_REGISTERED | typeof NO_SUCH_TERMINAL; authCode: null };

/**
 * The Device table's owner for registration, authentication and ownership; the gateways, the
 * latest-position cache and the positions service get it injected instead of querying Device.
 */
export class DeviceDirectory {
  /**
   * The stored code hashes of terminals authenticating (0x0102), many terminals' in one
   * query: after a gateway restart the whole fleet authenticates at once, and one statement
   * per few milliseconds (two at most running) keeps that from overwhelming the database.
   * Each answer is read after its 0x0102 arrived, so a logout or a new code counts at once.
   */
  private readonly codeHashes = new Batcher<string, string | null>({
    fetch: (phones) => this.codeHashesOf(phones),
    missing: null,
    maxBatch: 2_000,
    maxConcurrent: 2,
    waitMs: 2,
  });
  /**
   * Registrations running at once: a cold fleet registers all together, and thousands of
   * queries waiting on the pool would time out there (and the terminals register again);
   * here they wait their turn instead, and authentications still find the pool free.
   */
  private readonly registrations = pLimit(4);
  /** When each terminal last authenticated, written behind in batches, never per terminal. */
  private readonly lastSeen = new WriteBehind<string, Date>((seen) => this.writeLastSeen(seen));

  constructor(private readonly db: Pick<Db, 'prisma' | 'sql'>) {}

  /**
   * Registers a terminal under the policy above. The update is conditional on the state read,
   * so of two registrations racing for an open phone exactly one binds it.
   */
  register(registration: Registration, now: Date): Promise<RegistrationOutcome> {
    return this.registrations(() => this.registerNow(registration, now));
  }

  private async registerNow(registration: Registration, now: Date): Promise<RegistrationOutcome> {
    const { terminalPhone, terminalId } = registration;
    const device = await this.db.prisma.device.findUnique({
      where: { terminalPhone },
      select: { id: true, isRegistrationOpen: true, boundTerminalId: true, vehicleId: true },
    });
    if (!device) return { result: NO_SUCH_TERMINAL, authCode: null };
    const isRotation = !device.isRegistrationOpen;
    // An empty terminal id matches nothing: such a terminal registers again only after a reset.
    if (
      isRotation &&
      (terminalId === '' || device.boundTerminalId !== terminalId || registration.isOnline)
    )
      return { result: ALREADY_REGISTERED, authCode: null };
    const authCode = newAuthCode();
    const { count } = await this.db.prisma.device.updateMany({
      where: isRotation
        ? { id: device.id, isRegistrationOpen: false, boundTerminalId: terminalId }
        : { id: device.id, isRegistrationOpen: true },
      data: {
        authCodeHash: hashAuthCode(authCode),
        isRegistrationOpen: false,
        boundTerminalId: terminalId || null,
        protocolVersion: registration.version,
        manufacturerId: registration.manufacturerId || null,
        terminalModel: registration.terminalModel || null,
        registeredAt: now,
      },
    });
    if (count !== 1) return { result: ALREADY_REGISTERED, authCode: null };
    // The terminal knows its truck's plate colour; the vehicle keeps it (JT/T 809 names a
    // vehicle by plate and colour).
    const plateColor = registration.plateColor;
    if (device.vehicleId && plateColor !== undefined && PLATE_COLOURS.has(plateColor))
      await this.db.prisma.vehicle.update({
        where: { id: device.vehicleId },
        data: { plateColor },
      });
    return { result: REGISTERED, authCode, isRotation };
  }

  /**
   * Checks a 0x0102 code; on success records when the terminal was last seen (batched, a
   * moment later: `lastSeenWritten`).
   */
  async authenticate(terminalPhone: string, authCode: string, now: Date): Promise<boolean> {
    const storedHash = await this.codeHashes.load(terminalPhone);
    if (!isAuthCode(authCode, storedHash)) return false;
    this.lastSeen.set(terminalPhone, now);
    return true;
  }

  /** Resolves once every authentication so far has its last-seen time written. */
  lastSeenWritten(): Promise<void> {
    return this.lastSeen.flushed();
  }

  private async codeHashesOf(phones: string[]): Promise<Map<string, string | null>> {
    const { rows } = await this.db.sql.query<{
      terminalPhone: string;
      authCodeHash: string | null;
    }>(
      'SELECT "terminalPhone", "authCodeHash" FROM "Device" WHERE "terminalPhone" = ANY($1::text[])',
      [phones],
    );
    return new Map(rows.map((row) => [row.terminalPhone, row.authCodeHash]));
  }

  /** One statement for the batch; a time never goes back (a later batch may carry an older one). */
  private async writeLastSeen(seen: Map<string, Date>): Promise<void> {
    await this.db.sql.query(
      `UPDATE "Device" d SET "lastSeenAt" = to_timestamp(v.ms / 1000)
       FROM unnest($1::text[], $2::float8[]) AS v(phone, ms)
       WHERE d."terminalPhone" = v.phone
         AND (d."lastSeenAt" IS NULL OR d."lastSeenAt" < to_timestamp(v.ms / 1000))`,
      [[...seen.keys()], [...seen.values()].map((at) => at.getTime())],
    );
  }

  /**
   * Terminal logout (0x0003, §8.4): its code stops working. The binding stays, so the same
   * terminal may register again and nobody else may.
   */
  async logout(terminalPhone: string): Promise<void> {
    await this.db.prisma.device.updateMany({
      where: { terminalPhone },
      data: { authCodeHash: null },
    });
  }

  /** The organization owning the device with this terminal phone; null when there is none. */
  async ownerOf(terminalPhone: string): Promise<string | null> {
    const device = await this.db.prisma.device.findUnique({
      where: { terminalPhone },
      select: { organizationId: true },
    });
    return device?.organizationId ?? null;
  }

  /**
   * The owners of the devices with these phones, by phone (an unknown phone is left out). One
   * statement with the phones as one array: the live path asks for every new truck of a batch.
   */
  async ownersOf(terminalPhones: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await this.db.sql.query<DeviceOwner>(
      'SELECT "terminalPhone", "organizationId" FROM "Device" WHERE "terminalPhone" = ANY($1::text[])',
      [terminalPhones],
    );
    return ownersByPhone(rows);
  }

  /** Every device's owner, by phone: what the latest-position cache starts with. */
  async owners(): Promise<Map<string, string>> {
    const { rows } = await this.db.sql.query<DeviceOwner>(
      'SELECT "terminalPhone", "organizationId" FROM "Device"',
    );
    return ownersByPhone(rows);
  }
}

type DeviceOwner = { terminalPhone: string; organizationId: string };

function ownersByPhone(rows: readonly DeviceOwner[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const row of rows) owners.set(row.terminalPhone, row.organizationId);
  return owners;
}

/**
 * The owner of the device whose phone is the SQL expression `terminalPhone`, for a raw query
 * that filters by it (NULL for no such device): the same answer as `ownerOf`, in SQL.
 */
export function deviceOwnerSql(terminalPhone: string): string {
  return `(SELECT d."organizationId" FROM "Device" d WHERE d."terminalPhone" = ${terminalPhone})`;
}
