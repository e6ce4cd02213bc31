-- AIS static data gets its own columns. The values already in the curated columns stay there:
-- until now AIS and staff wrote the same columns, so they cannot be told apart, and the port
-- keeps what it has (the next AIS report fills the ais* columns).
-- AlterTable
ALTER TABLE "Vessel" ADD COLUMN     "aisBeamM" DOUBLE PRECISION,
ADD COLUMN     "aisCallSign" TEXT,
ADD COLUMN     "aisDestination" TEXT,
ADD COLUMN     "aisDraughtM" DOUBLE PRECISION,
ADD COLUMN     "aisImo" INTEGER,
ADD COLUMN     "aisLengthM" DOUBLE PRECISION,
ADD COLUMN     "aisName" TEXT,
ADD COLUMN     "aisShipType" INTEGER,
ADD COLUMN     "aisStaticAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Vessel_aisImo_idx" ON "Vessel"("aisImo");
