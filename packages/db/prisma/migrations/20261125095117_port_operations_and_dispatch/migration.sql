-- CreateEnum
CREATE TYPE "ContainerPlace" AS ENUM ('TERMINAL', 'VESSEL', 'FACILITY', 'OUTSIDE');

-- CreateEnum
CREATE TYPE "TerminalMessageStatus" AS ENUM ('QUEUED', 'SENT', 'DELIVERED', 'FAILED');

-- AlterTable
ALTER TABLE "DispatchJob" ADD COLUMN     "deliveredAt" TIMESTAMPTZ(3),
ADD COLUMN     "note" TEXT;

-- AlterTable
ALTER TABLE "EquipmentEvent" ADD COLUMN     "recordedById" TEXT,
ADD COLUMN     "zoneId" TEXT;

-- AlterTable
ALTER TABLE "Vessel" ADD COLUMN     "aisEta" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "VesselVisit" ADD COLUMN     "anchoredAt" TIMESTAMPTZ(3),
ADD COLUMN     "predictedEta" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ContainerState" (
    "containerId" TEXT NOT NULL,
    "place" "ContainerPlace" NOT NULL,
    "emptyIndicator" "EmptyIndicator" NOT NULL,
    "terminalId" TEXT,
    "yardBlockId" TEXT,
    "bay" INTEGER,
    "row" INTEGER,
    "tier" INTEGER,
    "vesselVisitId" TEXT,
    "zoneId" TEXT,
    "vehicleId" TEXT,
    "lastEventId" TEXT NOT NULL,
    "lastEventType" "EquipmentEventType" NOT NULL,
    "lastEventAt" TIMESTAMPTZ(3) NOT NULL,
    "arrivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ContainerState_pkey" PRIMARY KEY ("containerId")
);

-- CreateTable
CREATE TABLE "YardSlot" (
    "yardBlockId" TEXT NOT NULL,
    "bay" INTEGER NOT NULL,
    "row" INTEGER NOT NULL,
    "tier" INTEGER NOT NULL,
    "containerId" TEXT NOT NULL,

    CONSTRAINT "YardSlot_pkey" PRIMARY KEY ("yardBlockId","bay","row","tier")
);

-- CreateTable
CREATE TABLE "Shift" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "driverId" TEXT NOT NULL,
    "vehicleId" TEXT,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Shift_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TerminalMessage" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "vehicleId" TEXT NOT NULL,
    "terminalPhone" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "flags" INTEGER NOT NULL,
    "serial" INTEGER,
    "status" "TerminalMessageStatus" NOT NULL DEFAULT 'QUEUED',
    "result" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),
    "acknowledgedAt" TIMESTAMPTZ(3),
    "sentById" TEXT,
    "dispatchJobId" TEXT,

    CONSTRAINT "TerminalMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContainerState_terminalId_place_idx" ON "ContainerState"("terminalId", "place");

-- CreateIndex
CREATE INDEX "ContainerState_yardBlockId_idx" ON "ContainerState"("yardBlockId");

-- CreateIndex
CREATE INDEX "ContainerState_vesselVisitId_idx" ON "ContainerState"("vesselVisitId");

-- CreateIndex
CREATE INDEX "ContainerState_place_arrivedAt_idx" ON "ContainerState"("place", "arrivedAt");

-- CreateIndex
CREATE INDEX "YardSlot_containerId_idx" ON "YardSlot"("containerId");

-- CreateIndex
CREATE INDEX "Shift_organizationId_startsAt_idx" ON "Shift"("organizationId", "startsAt");

-- CreateIndex
CREATE INDEX "Shift_driverId_startsAt_idx" ON "Shift"("driverId", "startsAt");

-- CreateIndex
CREATE INDEX "Shift_vehicleId_startsAt_idx" ON "Shift"("vehicleId", "startsAt");

-- CreateIndex
CREATE INDEX "TerminalMessage_vehicleId_createdAt_idx" ON "TerminalMessage"("vehicleId", "createdAt");

-- CreateIndex
CREATE INDEX "TerminalMessage_terminalPhone_status_idx" ON "TerminalMessage"("terminalPhone", "status");

-- AddForeignKey
ALTER TABLE "EquipmentEvent" ADD CONSTRAINT "EquipmentEvent_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentEvent" ADD CONSTRAINT "EquipmentEvent_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContainerState" ADD CONSTRAINT "ContainerState_containerId_fkey" FOREIGN KEY ("containerId") REFERENCES "Container"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContainerState" ADD CONSTRAINT "ContainerState_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContainerState" ADD CONSTRAINT "ContainerState_yardBlockId_fkey" FOREIGN KEY ("yardBlockId") REFERENCES "YardBlock"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContainerState" ADD CONSTRAINT "ContainerState_vesselVisitId_fkey" FOREIGN KEY ("vesselVisitId") REFERENCES "VesselVisit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContainerState" ADD CONSTRAINT "ContainerState_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContainerState" ADD CONSTRAINT "ContainerState_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YardSlot" ADD CONSTRAINT "YardSlot_yardBlockId_fkey" FOREIGN KEY ("yardBlockId") REFERENCES "YardBlock"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shift" ADD CONSTRAINT "Shift_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shift" ADD CONSTRAINT "Shift_driverId_fkey" FOREIGN KEY ("driverId") REFERENCES "Driver"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Shift" ADD CONSTRAINT "Shift_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalMessage" ADD CONSTRAINT "TerminalMessage_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalMessage" ADD CONSTRAINT "TerminalMessage_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalMessage" ADD CONSTRAINT "TerminalMessage_sentById_fkey" FOREIGN KEY ("sentById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalMessage" ADD CONSTRAINT "TerminalMessage_dispatchJobId_fkey" FOREIGN KEY ("dispatchJobId") REFERENCES "DispatchJob"("id") ON DELETE SET NULL ON UPDATE CASCADE;
