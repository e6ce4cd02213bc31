-- CreateTable
CREATE TABLE "TerminalMedia" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "terminalPhone" TEXT NOT NULL,
    "mediaId" BIGINT NOT NULL,
    "mediaType" INTEGER NOT NULL,
    "format" INTEGER NOT NULL,
    "eventCode" INTEGER NOT NULL,
    "channelId" INTEGER NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "sizeBytes" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TerminalMedia_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TerminalMedia_organizationId_receivedAt_idx" ON "TerminalMedia"("organizationId", "receivedAt");

-- CreateIndex
CREATE INDEX "TerminalMedia_terminalPhone_takenAt_idx" ON "TerminalMedia"("terminalPhone", "takenAt");

-- CreateIndex
CREATE UNIQUE INDEX "TerminalMedia_terminalPhone_mediaId_key" ON "TerminalMedia"("terminalPhone", "mediaId");

-- AddForeignKey
ALTER TABLE "TerminalMedia" ADD CONSTRAINT "TerminalMedia_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Photos and recordings are compressed already: stored out of line as they are, without
-- PostgreSQL trying to compress them again.
ALTER TABLE "TerminalMedia" ALTER COLUMN "data" SET STORAGE EXTERNAL;
