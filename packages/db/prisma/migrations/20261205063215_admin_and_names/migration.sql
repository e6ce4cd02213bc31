-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "acknowledgeComment" TEXT;

-- AlterTable
ALTER TABLE "AlertRule" ADD COLUMN     "nameZh" TEXT;

-- AlterTable
ALTER TABLE "Berth" ADD COLUMN     "nameZh" TEXT;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "nameZh" TEXT;

-- AlterTable
ALTER TABLE "Port" ADD COLUMN     "nameZh" TEXT;

-- AlterTable
ALTER TABLE "Terminal" ADD COLUMN     "nameZh" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "alertsSeenAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Vehicle" ADD COLUMN     "modelZh" TEXT;

-- AlterTable
ALTER TABLE "Zone" ADD COLUMN     "nameZh" TEXT,
ADD COLUMN     "speedLimitKmh" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "PasswordReset" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "issuedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PasswordReset_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PasswordReset_tokenHash_key" ON "PasswordReset"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordReset_userId_idx" ON "PasswordReset"("userId");

-- AddForeignKey
ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordReset" ADD CONSTRAINT "PasswordReset_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
