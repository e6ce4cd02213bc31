-- DropIndex
DROP INDEX "TerminalMedia_terminalPhone_mediaId_key";

-- AlterTable
ALTER TABLE "DispatchJob" ADD COLUMN     "requiresProofPhoto" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "DispatchJobEvent" ADD COLUMN     "lat" DOUBLE PRECISION,
ADD COLUMN     "lon" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "TerminalCommand" ADD COLUMN     "dispatchJobId" TEXT;

-- AlterTable
ALTER TABLE "TerminalMedia" ADD COLUMN     "dispatchJobId" TEXT;

-- CreateIndex
CREATE INDEX "TerminalMedia_dispatchJobId_idx" ON "TerminalMedia"("dispatchJobId");

-- CreateIndex
CREATE UNIQUE INDEX "TerminalMedia_terminalPhone_mediaId_takenAt_key" ON "TerminalMedia"("terminalPhone", "mediaId", "takenAt");

-- AddForeignKey
ALTER TABLE "TerminalMedia" ADD CONSTRAINT "TerminalMedia_dispatchJobId_fkey" FOREIGN KEY ("dispatchJobId") REFERENCES "DispatchJob"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerminalCommand" ADD CONSTRAINT "TerminalCommand_dispatchJobId_fkey" FOREIGN KEY ("dispatchJobId") REFERENCES "DispatchJob"("id") ON DELETE SET NULL ON UPDATE CASCADE;
