-- CreateEnum
CREATE TYPE "PortCallEventKind" AS ENUM ('ARRIVED', 'PILOT_BOARDED', 'ANCHORED', 'ANCHOR_AWEIGH', 'BERTHING', 'BERTHED', 'UNBERTHED', 'DEPARTED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AlertKind" ADD VALUE 'COLLISION_RISK';
ALTER TYPE "AlertKind" ADD VALUE 'ANCHOR_DRAG';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "VesselVisitStatus" ADD VALUE 'BERTHING';
ALTER TYPE "VesselVisitStatus" ADD VALUE 'SHIFTING';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ZoneKind" ADD VALUE 'APPROACH';
ALTER TYPE "ZoneKind" ADD VALUE 'PILOT_BOARDING';

-- AlterTable
ALTER TABLE "Port" ADD COLUMN     "fairway" JSONB;

-- AlterTable
ALTER TABLE "Terminal" ADD COLUMN     "smdgCode" TEXT;

-- AlterTable
ALTER TABLE "VesselVisit" ADD COLUMN     "arrivedAt" TIMESTAMPTZ(3),
ADD COLUMN     "predictedPilotEta" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "PortCallEvent" (
    "id" BIGSERIAL NOT NULL,
    "visitId" TEXT NOT NULL,
    "kind" "PortCallEventKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "zoneId" TEXT,
    "berthId" TEXT,
    "terminalId" TEXT,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortCallEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PortCallEvent_visitId_at_idx" ON "PortCallEvent"("visitId", "at");

-- CreateIndex
CREATE INDEX "PortCallEvent_at_idx" ON "PortCallEvent"("at");

-- AddForeignKey
ALTER TABLE "PortCallEvent" ADD CONSTRAINT "PortCallEvent_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "VesselVisit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
