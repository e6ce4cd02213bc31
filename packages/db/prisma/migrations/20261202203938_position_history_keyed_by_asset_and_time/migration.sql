-- DropIndex
DROP INDEX "LatestPosition_lat_lon_idx";

-- DropIndex
DROP INDEX "PositionFix_assetKind_assetKey_fixAt_key";

-- DropIndex
DROP INDEX "PositionFix_fixAt_idx";

-- AlterTable
ALTER TABLE "PositionFix" DROP CONSTRAINT "PositionFix_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "PositionFix_pkey" PRIMARY KEY ("assetKind", "assetKey", "fixAt");

-- CreateIndex
CREATE INDEX "PositionFix_fixAt_idx" ON "PositionFix" USING BRIN ("fixAt");

-- Room on each page for the newer version of a row: with no index on the columns the tracker
-- changes, every latest-position upsert is then a HOT update (no index entries written).
-- Prisma's schema does not model storage parameters, so this line is by hand.
ALTER TABLE "LatestPosition" SET (fillfactor = 50);
