-- AlterTable
ALTER TABLE "VesselVisit" ADD COLUMN     "plannedBerthId" TEXT;

-- Until now berthId held the plan until the vessel berthed, then the actual berth.
-- Visits not yet berthed: berthId is still the plan.
UPDATE "VesselVisit" SET "plannedBerthId" = "berthId"
WHERE "status" NOT IN ('BERTHED', 'DEPARTED');

-- Berthed or departed visits: the plan survives only in the ROUTE_DEVIATION alert the
-- visit tracker raised when the vessel berthed elsewhere (its data names the planned
-- berth's code); where there is none, the plan is unknown and stays NULL.
UPDATE "VesselVisit" AS v SET "plannedBerthId" = b."id"
FROM "Alert" AS a, "Berth" AS b
WHERE v."status" IN ('BERTHED', 'DEPARTED')
  AND a."kind" = 'ROUTE_DEVIATION'
  AND a."data" ->> 'visitId' = v."id"
  AND b."terminalId" = v."terminalId"
  AND b."code" = a."data" ->> 'plannedBerthCode';

-- CreateIndex
CREATE INDEX "VesselVisit_plannedBerthId_eta_idx" ON "VesselVisit"("plannedBerthId", "eta");

-- AddForeignKey
ALTER TABLE "VesselVisit" ADD CONSTRAINT "VesselVisit_plannedBerthId_fkey" FOREIGN KEY ("plannedBerthId") REFERENCES "Berth"("id") ON DELETE SET NULL ON UPDATE CASCADE;
