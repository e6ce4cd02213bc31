-- CreateEnum
CREATE TYPE "GateMoveKind" AS ENUM ('EXPORT_DROP_OFF', 'IMPORT_PICK_UP', 'EMPTY');

-- CreateEnum
CREATE TYPE "TruckAppointmentStatus" AS ENUM ('BOOKED', 'CANCELLED');

-- CreateTable
CREATE TABLE "GateCapacity" (
    "terminalId" TEXT NOT NULL,
    "moveKind" "GateMoveKind" NOT NULL,
    "trucksPerHour" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GateCapacity_pkey" PRIMARY KEY ("terminalId","moveKind")
);

-- CreateTable
CREATE TABLE "TruckAppointment" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "terminalId" TEXT NOT NULL,
    "moveKind" "GateMoveKind" NOT NULL,
    "slotStart" TIMESTAMPTZ(3) NOT NULL,
    "vehicleId" TEXT NOT NULL,
    "dispatchJobId" TEXT,
    "status" "TruckAppointmentStatus" NOT NULL DEFAULT 'BOOKED',
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TruckAppointment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TruckAppointment_terminalId_slotStart_idx" ON "TruckAppointment"("terminalId", "slotStart");

-- CreateIndex
CREATE INDEX "TruckAppointment_organizationId_slotStart_idx" ON "TruckAppointment"("organizationId", "slotStart");

-- CreateIndex
CREATE INDEX "TruckAppointment_vehicleId_slotStart_idx" ON "TruckAppointment"("vehicleId", "slotStart");

-- AddForeignKey
ALTER TABLE "GateCapacity" ADD CONSTRAINT "GateCapacity_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TruckAppointment" ADD CONSTRAINT "TruckAppointment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TruckAppointment" ADD CONSTRAINT "TruckAppointment_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TruckAppointment" ADD CONSTRAINT "TruckAppointment_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TruckAppointment" ADD CONSTRAINT "TruckAppointment_dispatchJobId_fkey" FOREIGN KEY ("dispatchJobId") REFERENCES "DispatchJob"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TruckAppointment" ADD CONSTRAINT "TruckAppointment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
