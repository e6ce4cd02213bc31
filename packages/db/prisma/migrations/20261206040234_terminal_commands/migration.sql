-- CreateEnum
CREATE TYPE "TerminalCommandKind" AS ENUM ('LOCATE', 'QUERY_PARAMETERS', 'SET_PARAMETERS', 'TAKE_PHOTO', 'RESET');

-- CreateEnum
CREATE TYPE "TerminalCommandStatus" AS ENUM ('SENT', 'ANSWERED', 'FAILED');

-- CreateTable
CREATE TABLE "TerminalCommand" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "vehicleId" TEXT NOT NULL,
    "terminalPhone" TEXT NOT NULL,
    "kind" "TerminalCommandKind" NOT NULL,
    "request" JSONB NOT NULL,
    "serial" INTEGER,
    "status" "TerminalCommandStatus" NOT NULL DEFAULT 'SENT',
    "result" INTEGER,
    "answer" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMPTZ(3),
    "requestedById" TEXT,

    CONSTRAINT "TerminalCommand_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TerminalCommand_vehicleId_createdAt_idx" ON "TerminalCommand"("vehicleId", "createdAt");

-- CreateIndex
CREATE INDEX "TerminalCommand_terminalPhone_serial_idx" ON "TerminalCommand"("terminalPhone", "serial");

-- AddForeignKey
ALTER TABLE "TerminalCommand" ADD CONSTRAINT "TerminalCommand_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalCommand" ADD CONSTRAINT "TerminalCommand_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalCommand" ADD CONSTRAINT "TerminalCommand_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
