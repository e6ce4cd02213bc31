-- CreateTable
CREATE TABLE "TrackSegment" (
    "id" BIGSERIAL NOT NULL,
    "assetKind" "AssetKind" NOT NULL,
    "assetKey" TEXT NOT NULL,
    "fromAt" TIMESTAMPTZ(3) NOT NULL,
    "toAt" TIMESTAMPTZ(3) NOT NULL,
    "fixCount" INTEGER NOT NULL,
    "expiresOn" DATE NOT NULL,
    "payload" BYTEA NOT NULL,

    CONSTRAINT "TrackSegment_pkey" PRIMARY KEY ("id","expiresOn")
) PARTITION BY RANGE ("expiresOn");
-- Partitions by week of expiry are created by the compactor before it writes into them, and
-- retention drops them whole (apps/api/src/pipeline/history-partitions.ts). Prisma does not
-- model partitioning: these lines are by hand.

-- The payload is already deflated: storing it out of line without a second compression
-- attempt saves the CPU of trying.
ALTER TABLE "TrackSegment" ALTER COLUMN "payload" SET STORAGE EXTERNAL;

-- CreateTable
CREATE TABLE "TrackRetention" (
    "organizationId" TEXT NOT NULL,
    "assetKind" "AssetKind" NOT NULL,
    "keepDays" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TrackRetention_pkey" PRIMARY KEY ("organizationId","assetKind")
);

-- CreateTable
CREATE TABLE "HistoryCompaction" (
    "tableName" TEXT NOT NULL,
    "fromAt" TIMESTAMPTZ(3),
    "toAt" TIMESTAMPTZ(3) NOT NULL,
    "cursorKind" "AssetKind",
    "cursorKey" TEXT,
    "cursorAt" TIMESTAMPTZ(3),
    "segments" INTEGER NOT NULL DEFAULT 0,
    "fixes" BIGINT NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HistoryCompaction_pkey" PRIMARY KEY ("tableName")
);

-- CreateIndex
CREATE INDEX "TrackSegment_assetKind_assetKey_toAt_idx" ON "TrackSegment"("assetKind", "assetKey", "toAt");

-- CreateIndex
CREATE INDEX "GeofenceEvent_at_idx" ON "GeofenceEvent" USING BRIN ("at");

-- AddForeignKey
ALTER TABLE "TrackRetention" ADD CONSTRAINT "TrackRetention_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Position history partitioned by day (UTC), by hand: Prisma does not model partitioning.
-- The table as it was becomes the first partition, holding everything before tomorrow, so no
-- row is copied and none is lost; Harbor creates the days from then on ahead of time, and
-- compacts this first partition like any other once all of it is past the hot window.
ALTER TABLE "PositionFix" RENAME TO "PositionFix_before";
ALTER TABLE "PositionFix_before" RENAME CONSTRAINT "PositionFix_pkey" TO "PositionFix_before_pkey";
ALTER INDEX "PositionFix_fixAt_idx" RENAME TO "PositionFix_before_fixAt_idx";

CREATE TABLE "PositionFix" (
    "assetKind" "AssetKind" NOT NULL,
    "assetKey" TEXT NOT NULL,
    "fixAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "speedKnots" DOUBLE PRECISION,
    "courseDeg" DOUBLE PRECISION,
    "headingDeg" DOUBLE PRECISION,
    "altitudeM" DOUBLE PRECISION,
    "status" TEXT,
    "source" "FixSource" NOT NULL,

    CONSTRAINT "PositionFix_pkey" PRIMARY KEY ("assetKind","assetKey","fixAt")
) PARTITION BY RANGE ("fixAt");

CREATE INDEX "PositionFix_fixAt_idx" ON "PositionFix" USING BRIN ("fixAt");

DO $$
DECLARE
  tomorrow timestamptz := date_trunc('day', now(), 'UTC') + interval '1 day';
  day timestamptz;
BEGIN
  -- Fixes dated tomorrow or later (taken before fixes from the future were refused) go to
  -- partitions of their own days, so the first partition can end at tomorrow.
  FOR day IN SELECT DISTINCT date_trunc('day', "fixAt", 'UTC') FROM "PositionFix_before"
             WHERE "fixAt" >= tomorrow LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "PositionFix" FOR VALUES FROM (%L) TO (%L)',
      'PositionFix_p' || to_char(day AT TIME ZONE 'UTC', 'YYYYMMDD'), day, day + interval '1 day');
  END LOOP;
  INSERT INTO "PositionFix" SELECT * FROM "PositionFix_before" WHERE "fixAt" >= tomorrow;
  DELETE FROM "PositionFix_before" WHERE "fixAt" >= tomorrow;
  EXECUTE format('ALTER TABLE "PositionFix" ATTACH PARTITION "PositionFix_before" FOR VALUES FROM (MINVALUE) TO (%L)', tomorrow);
END $$;
