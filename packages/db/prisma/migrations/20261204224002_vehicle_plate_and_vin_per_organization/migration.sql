-- DropIndex
DROP INDEX "Vehicle_organizationId_idx";

-- DropIndex
DROP INDEX "Vehicle_plate_key";

-- DropIndex
DROP INDEX "Vehicle_vin_key";

-- CreateIndex
CREATE INDEX "Vehicle_plate_idx" ON "Vehicle"("plate");

-- CreateIndex
CREATE UNIQUE INDEX "Vehicle_organizationId_plate_key" ON "Vehicle"("organizationId", "plate");

-- CreateIndex
CREATE UNIQUE INDEX "Vehicle_organizationId_vin_key" ON "Vehicle"("organizationId", "vin");
