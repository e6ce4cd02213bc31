-- CreateTable
CREATE TABLE "TrackRetentionChange" (
    "organizationId" TEXT NOT NULL,
    "assetKind" "AssetKind" NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "TrackRetentionChange_pkey" PRIMARY KEY ("organizationId","assetKind")
);

-- AddForeignKey
ALTER TABLE "TrackRetentionChange" ADD CONSTRAINT "TrackRetentionChange_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
