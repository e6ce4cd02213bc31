import { hostname } from 'node:os';
import { type KV, Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * Which of the fix stream's partitions this tracker owns, agreed with the other trackers
 * through a JetStream key-value bucket (nats-server 2.9 has no consumer priority groups, so
 * ownership is leases on the engine's own primitives, not home-made consensus):
 *
 * - every tracker keeps a key `member.<id>` alive by writing it every `renewEveryMs`; the
 *   bucket's TTL (`leaseMs`) removes the key of a tracker that stopped writing;
 * - the partitions are dealt round-robin over the members sorted by id, so every tracker
 *   computes the same wanted owner for each partition from the same member list;
 * - a partition is owned by holding its key `partition.<n>`: taken with `create` (which
 *   fails while another tracker holds it), kept with `update` at the revision last written
 *   (which fails once the key expired or another took it), released with a revision-checked
 *   delete when a tracker that joined should have it.
 *
 * A tracker that cannot renew a lease stops that partition at once, before the TTL lets
 * anyone else take it, so two trackers never consume one partition at the same time while
 * both can reach NATS. A tracker that dies loses its leases after `leaseMs`; the next
 * round of the others takes them.
 */
export type PartitionLeasesOptions = {
  /** The key-value bucket (one per fix stream). */
  bucket: string;
  partitions: number;
  /** A lease not renewed for this long expires (the bucket's TTL). */
  leaseMs?: number;
  /** How often members and leases are renewed and the assignment recomputed. */
  renewEveryMs?: number;
  /** This tracker's id; by default host, pid and a random suffix. */
  memberId?: string;
  /**
   * Told the partitions to start (gained) and to stop (lost) after each round. A lost
   * partition is released only once `onChange` has resolved, so the consumer can finish
   * the batch it is writing first.
   */
  onChange(change: { gained: number[]; lost: number[] }): Promise<void>;
  onError?(error: unknown): void;
};

export type LeaseStats = { memberId: string; members: number; owned: number[]; rounds: number };

/** The partitions member `index` of `members` wants: every `members`-th one from `index`. */
export function wantedPartitions(partitions: number, members: number, index: number): number[] {
  const wanted: number[] = [];
  for (let p = index; p < partitions; p += members) wanted.push(p);
  return wanted;
}

export class PartitionLeases {
  readonly memberId: string;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  /** Owned partitions and the revision of their key this tracker last wrote. */
  private readonly owned = new Map<number, number>();
  private memberRevision = 0;
  private members = 0;
  private rounds = 0;
  private renewedAt = Date.now();
  private isClosed = false;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  private constructor(
    private readonly kv: KV,
    private readonly options: PartitionLeasesOptions,
  ) {
    this.memberId =
      options.memberId ??
      `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`.replace(
        /[^A-Za-z0-9_-]/g,
        '_',
      );
    this.leaseMs = options.leaseMs ?? 6_000;
    this.renewEveryMs = options.renewEveryMs ?? Math.floor(this.leaseMs / 3);
  }

  static async start(
    nc: NatsConnection,
    options: PartitionLeasesOptions,
  ): Promise<PartitionLeases> {
    const kv = await new Kvm(nc).create(options.bucket, {
      ttl: options.leaseMs ?? 6_000,
      history: 1,
    });
    const leases = new PartitionLeases(kv, options);
    await leases.round();
    leases.renewedAt = Date.now();
    leases.running = leases.loop();
    return leases;
  }

  stats(): LeaseStats {
    return {
      memberId: this.memberId,
      members: this.members,
      owned: [...this.owned.keys()].sort((a, b) => a - b),
      rounds: this.rounds,
    };
  }

  private async loop(): Promise<void> {
    while (!this.isClosed) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.renewEveryMs);
      });
      if (this.isClosed) break;
      try {
        await this.round();
        this.renewedAt = Date.now();
      } catch (error) {
        this.options.onError?.(error);
        await this.fenceIfExpiring();
      }
    }
  }

  /** One round: stay a member, renew what is owned, take what is wanted, give back the rest. */
  private async round(): Promise<void> {
    this.rounds++;
    this.memberRevision = await this.kv.put(`member.${this.memberId}`, String(Date.now()));
    const lost: number[] = [];
    for (const [partition, revision] of this.owned) {
      try {
        this.owned.set(
          partition,
          await this.kv.update(`partition.${partition}`, this.memberId, revision),
        );
      } catch {
        // Expired (this tracker was too slow to renew) or taken: no longer ours.
        this.owned.delete(partition);
        lost.push(partition);
      }
    }
    const members = (await this.memberIds()).sort();
    this.members = members.length;
    const index = members.indexOf(this.memberId);
    const wanted = new Set(
      index < 0 ? [] : wantedPartitions(this.options.partitions, members.length, index),
    );
    const gained: number[] = [];
    for (const partition of wanted) {
      if (this.owned.has(partition)) continue;
      try {
        this.owned.set(partition, await this.kv.create(`partition.${partition}`, this.memberId));
        gained.push(partition);
      } catch {
        // Another tracker holds it until it gives it back or its lease expires.
      }
    }
    // Held but wanted by another member (one joined): stopped first, then given back.
    const release = [...this.owned.keys()].filter((partition) => !wanted.has(partition));
    if (gained.length + lost.length + release.length > 0)
      await this.options.onChange({ gained, lost: [...lost, ...release] });
    for (const partition of release) {
      const revision = this.owned.get(partition);
      this.owned.delete(partition);
      await this.kv
        .delete(`partition.${partition}`, { previousSeq: revision })
        .catch(() => undefined);
    }
  }

  /**
   * NATS unreachable: once the leases may be about to expire, every partition is stopped, so
   * whoever takes them next never consumes one at the same time as this tracker.
   */
  private async fenceIfExpiring(): Promise<void> {
    if (this.owned.size === 0 || Date.now() - this.renewedAt < (this.leaseMs * 2) / 3) return;
    const lost = [...this.owned.keys()];
    this.owned.clear();
    await this.options.onChange({ gained: [], lost }).catch(() => undefined);
  }

  private async memberIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const key of await this.kv.keys('member.*')) ids.push(key.slice('member.'.length));
    return ids;
  }

  /** Stops renewing and gives back every lease and the membership, so others take over at once. */
  async close(): Promise<void> {
    this.isClosed = true;
    this.wake?.();
    await this.running?.catch(() => undefined);
    const owned = [...this.owned];
    this.owned.clear();
    await this.options.onChange({ gained: [], lost: owned.map(([partition]) => partition) });
    await Promise.all(
      owned.map(([partition, revision]) =>
        this.kv.delete(`partition.${partition}`, { previousSeq: revision }).catch(() => undefined),
      ),
    );
    await this.kv
      .delete(`member.${this.memberId}`, { previousSeq: this.memberRevision })
      .catch(() => undefined);
  }
}
