-- AlterTable
ALTER TABLE "DispatchJob" ADD COLUMN     "proofLinkExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "proofLinkHash" TEXT;

-- CreateTable
CREATE TABLE "DeliveryPhoto" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "dispatchJobId" TEXT NOT NULL,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL,
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "sizeBytes" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "DeliveryPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DeliveryPhoto_dispatchJobId_idx" ON "DeliveryPhoto"("dispatchJobId");

-- CreateIndex
CREATE INDEX "DeliveryPhoto_uploadedAt_idx" ON "DeliveryPhoto"("uploadedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DispatchJob_proofLinkHash_key" ON "DispatchJob"("proofLinkHash");

-- AddForeignKey
ALTER TABLE "DeliveryPhoto" ADD CONSTRAINT "DeliveryPhoto_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeliveryPhoto" ADD CONSTRAINT "DeliveryPhoto_dispatchJobId_fkey" FOREIGN KEY ("dispatchJobId") REFERENCES "DispatchJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;
