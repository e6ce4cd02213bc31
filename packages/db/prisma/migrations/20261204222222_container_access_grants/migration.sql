-- CreateEnum
CREATE TYPE "ContainerGrantScope" AS ENUM ('ALL_CONTAINERS', 'DCSA_FEED');

-- CreateTable
CREATE TABLE "ContainerAccessGrant" (
    "organizationId" TEXT NOT NULL,
    "scope" "ContainerGrantScope" NOT NULL,
    "reason" TEXT,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL,
    "grantedById" TEXT,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedById" TEXT,

    CONSTRAINT "ContainerAccessGrant_pkey" PRIMARY KEY ("organizationId","scope")
);

-- CreateIndex
CREATE INDEX "DispatchJob_containerId_organizationId_idx" ON "DispatchJob"("containerId", "organizationId");

-- CreateIndex
CREATE INDEX "EquipmentEvent_vehicleId_idx" ON "EquipmentEvent"("vehicleId");

-- CreateIndex
CREATE INDEX "EquipmentEvent_dispatchJobId_idx" ON "EquipmentEvent"("dispatchJobId");

-- CreateIndex
CREATE INDEX "EquipmentEvent_terminalId_idx" ON "EquipmentEvent"("terminalId");

-- AddForeignKey
ALTER TABLE "ContainerAccessGrant" ADD CONSTRAINT "ContainerAccessGrant_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContainerAccessGrant" ADD CONSTRAINT "ContainerAccessGrant_grantedById_fkey" FOREIGN KEY ("grantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContainerAccessGrant" ADD CONSTRAINT "ContainerAccessGrant_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
