-- CreateEnum
CREATE TYPE "Jt809Edition" AS ENUM ('JT809_2011', 'JT809_2019');

-- CreateEnum
CREATE TYPE "SupervisionRequestKind" AS ENUM ('INSPECTION', 'PLATFORM_MESSAGE', 'VEHICLE_TEXT');

-- AlterTable
ALTER TABLE "Vehicle" ADD COLUMN     "plateColor" INTEGER NOT NULL DEFAULT 2;

-- CreateTable
CREATE TABLE "SupervisionLink" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "edition" "Jt809Edition" NOT NULL DEFAULT 'JT809_2011',
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "userId" BIGINT NOT NULL,
    "password" TEXT NOT NULL,
    "gnssCenterId" BIGINT NOT NULL,
    "platformId" TEXT NOT NULL,
    "downLinkIp" TEXT NOT NULL,
    "downLinkPort" INTEGER NOT NULL,
    "encryptM1" BIGINT,
    "encryptIa1" BIGINT,
    "encryptIc1" BIGINT,
    "encryptKey" BIGINT,
    "forwardedUntil" TIMESTAMPTZ(3),
    "ownerId" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),
    "status" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SupervisionLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionLinkVehicle" (
    "linkId" TEXT NOT NULL,
    "vehicleId" TEXT NOT NULL,
    "exchangeStopped" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupervisionLinkVehicle_pkey" PRIMARY KEY ("linkId","vehicleId")
);

-- CreateTable
CREATE TABLE "SupervisionRequest" (
    "id" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "kind" "SupervisionRequestKind" NOT NULL,
    "infoId" BIGINT NOT NULL,
    "requestSerial" BIGINT NOT NULL,
    "objectType" INTEGER,
    "objectId" TEXT,
    "content" TEXT NOT NULL,
    "vehicleId" TEXT,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "SupervisionRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SupervisionLink_organizationId_key" ON "SupervisionLink"("organizationId");

-- CreateIndex
CREATE INDEX "SupervisionLinkVehicle_vehicleId_idx" ON "SupervisionLinkVehicle"("vehicleId");

-- CreateIndex
CREATE INDEX "SupervisionRequest_linkId_receivedAt_idx" ON "SupervisionRequest"("linkId", "receivedAt");

-- CreateIndex
CREATE INDEX "SupervisionRequest_organizationId_receivedAt_idx" ON "SupervisionRequest"("organizationId", "receivedAt");

-- AddForeignKey
ALTER TABLE "SupervisionLink" ADD CONSTRAINT "SupervisionLink_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionLinkVehicle" ADD CONSTRAINT "SupervisionLinkVehicle_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "SupervisionLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionLinkVehicle" ADD CONSTRAINT "SupervisionLinkVehicle_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionRequest" ADD CONSTRAINT "SupervisionRequest_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "SupervisionLink"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionRequest" ADD CONSTRAINT "SupervisionRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupervisionRequest" ADD CONSTRAINT "SupervisionRequest_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
