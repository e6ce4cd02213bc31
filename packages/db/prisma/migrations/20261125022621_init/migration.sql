-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrganizationKind" AS ENUM ('PORT_AUTHORITY', 'LOGISTICS_COMPANY', 'TERMINAL_OPERATOR', 'SHIPPING_LINE');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'PORT_OPERATOR', 'DISPATCHER', 'VIEWER');

-- CreateEnum
CREATE TYPE "ZoneKind" AS ENUM ('BERTH', 'YARD_BLOCK', 'GATE', 'ANCHORAGE', 'FAIRWAY', 'RESTRICTED_AREA', 'DEPOT', 'WAREHOUSE');

-- CreateEnum
CREATE TYPE "VesselVisitStatus" AS ENUM ('PLANNED', 'APPROACHING', 'AT_ANCHOR', 'BERTHED', 'DEPARTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "VehicleStatus" AS ENUM ('AVAILABLE', 'ON_JOB', 'OFF_DUTY', 'MAINTENANCE');

-- CreateEnum
CREATE TYPE "Jt808Version" AS ENUM ('V2013', 'V2019');

-- CreateEnum
CREATE TYPE "AssetKind" AS ENUM ('VESSEL', 'VEHICLE');

-- CreateEnum
CREATE TYPE "FixSource" AS ENUM ('AIS', 'JT808', 'HTTP', 'SIM');

-- CreateEnum
CREATE TYPE "EquipmentEventType" AS ENUM ('LOAD', 'DISC', 'GTIN', 'GTOT', 'STUF', 'STRP', 'PICK', 'DROP', 'INSP', 'RSEA', 'RMVD');

-- CreateEnum
CREATE TYPE "EventClassifier" AS ENUM ('PLN', 'EST', 'ACT');

-- CreateEnum
CREATE TYPE "EmptyIndicator" AS ENUM ('EMPTY', 'LADEN');

-- CreateEnum
CREATE TYPE "DispatchJobStatus" AS ENUM ('PLANNED', 'ASSIGNED', 'EN_ROUTE_PICKUP', 'AT_PICKUP', 'LOADED', 'EN_ROUTE_DROPOFF', 'DELIVERED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "DispatchJobKind" AS ENUM ('CONTAINER_MOVE', 'EMPTY_PICKUP', 'EMPTY_RETURN');

-- CreateEnum
CREATE TYPE "ActorKind" AS ENUM ('USER', 'GEOFENCE', 'SYSTEM');

-- CreateEnum
CREATE TYPE "GeofenceTransition" AS ENUM ('ENTER', 'EXIT');

-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('AIS_SILENCE', 'SPEEDING', 'RESTRICTED_AREA', 'DWELL', 'ROUTE_DEVIATION');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('INFO', 'WARNING', 'CRITICAL');

-- CreateTable
CREATE TABLE "Organization" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OrganizationKind" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userAgent" TEXT,
    "ipAddress" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Port" (
    "id" TEXT NOT NULL,
    "unlocode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Port_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Terminal" (
    "id" TEXT NOT NULL,
    "portId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "operatorOrganizationId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Terminal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Zone" (
    "id" TEXT NOT NULL,
    "portId" TEXT NOT NULL,
    "terminalId" TEXT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ZoneKind" NOT NULL,
    "polygon" JSONB NOT NULL,
    "minLat" DOUBLE PRECISION NOT NULL,
    "minLon" DOUBLE PRECISION NOT NULL,
    "maxLat" DOUBLE PRECISION NOT NULL,
    "maxLon" DOUBLE PRECISION NOT NULL,
    "speedLimitKnots" DOUBLE PRECISION,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Zone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Berth" (
    "id" TEXT NOT NULL,
    "terminalId" TEXT NOT NULL,
    "zoneId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lengthM" DOUBLE PRECISION NOT NULL,
    "depthM" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Berth_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "YardBlock" (
    "id" TEXT NOT NULL,
    "terminalId" TEXT NOT NULL,
    "zoneId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "bays" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "tiers" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "YardBlock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vessel" (
    "id" TEXT NOT NULL,
    "mmsi" INTEGER NOT NULL,
    "imo" INTEGER,
    "callSign" TEXT,
    "name" TEXT,
    "shipType" INTEGER,
    "lengthM" DOUBLE PRECISION,
    "beamM" DOUBLE PRECISION,
    "draughtM" DOUBLE PRECISION,
    "flag" TEXT,
    "destination" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Vessel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VesselVisit" (
    "id" TEXT NOT NULL,
    "vesselId" TEXT NOT NULL,
    "portId" TEXT NOT NULL,
    "terminalId" TEXT,
    "berthId" TEXT,
    "voyageNumber" TEXT,
    "status" "VesselVisitStatus" NOT NULL DEFAULT 'PLANNED',
    "eta" TIMESTAMPTZ(3),
    "ata" TIMESTAMPTZ(3),
    "etd" TIMESTAMPTZ(3),
    "atd" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "VesselVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vehicle" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "plate" TEXT NOT NULL,
    "vin" TEXT,
    "model" TEXT,
    "status" "VehicleStatus" NOT NULL DEFAULT 'AVAILABLE',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Vehicle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Driver" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "phone" TEXT,
    "licenseNumber" TEXT,
    "currentVehicleId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Driver_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "vehicleId" TEXT,
    "terminalPhone" TEXT NOT NULL,
    "authCode" TEXT,
    "protocolVersion" "Jt808Version",
    "manufacturerId" TEXT,
    "terminalModel" TEXT,
    "terminalId" TEXT,
    "registeredAt" TIMESTAMPTZ(3),
    "lastSeenAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PositionFix" (
    "id" BIGSERIAL NOT NULL,
    "assetKind" "AssetKind" NOT NULL,
    "assetKey" TEXT NOT NULL,
    "fixAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "speedKnots" DOUBLE PRECISION,
    "courseDeg" DOUBLE PRECISION,
    "headingDeg" DOUBLE PRECISION,
    "altitudeM" DOUBLE PRECISION,
    "status" TEXT,
    "source" "FixSource" NOT NULL,

    CONSTRAINT "PositionFix_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LatestPosition" (
    "assetKind" "AssetKind" NOT NULL,
    "assetKey" TEXT NOT NULL,
    "fixAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,
    "speedKnots" DOUBLE PRECISION,
    "courseDeg" DOUBLE PRECISION,
    "headingDeg" DOUBLE PRECISION,
    "altitudeM" DOUBLE PRECISION,
    "status" TEXT,
    "source" "FixSource" NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LatestPosition_pkey" PRIMARY KEY ("assetKind","assetKey")
);

-- CreateTable
CREATE TABLE "Container" (
    "id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "isoSizeType" TEXT NOT NULL,
    "tareKg" INTEGER,
    "maxGrossKg" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Container_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EquipmentEvent" (
    "id" TEXT NOT NULL,
    "containerId" TEXT NOT NULL,
    "eventType" "EquipmentEventType" NOT NULL,
    "eventClassifier" "EventClassifier" NOT NULL DEFAULT 'ACT',
    "emptyIndicator" "EmptyIndicator" NOT NULL,
    "eventAt" TIMESTAMPTZ(3) NOT NULL,
    "eventCreatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "terminalId" TEXT,
    "yardBlockId" TEXT,
    "bay" INTEGER,
    "row" INTEGER,
    "tier" INTEGER,
    "vesselVisitId" TEXT,
    "vehicleId" TEXT,
    "dispatchJobId" TEXT,
    "note" TEXT,

    CONSTRAINT "EquipmentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DispatchJob" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" "DispatchJobKind" NOT NULL DEFAULT 'CONTAINER_MOVE',
    "status" "DispatchJobStatus" NOT NULL DEFAULT 'PLANNED',
    "containerId" TEXT,
    "pickupZoneId" TEXT NOT NULL,
    "dropoffZoneId" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "vehicleId" TEXT,
    "driverId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DispatchJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DispatchJobEvent" (
    "id" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "fromStatus" "DispatchJobStatus",
    "toStatus" "DispatchJobStatus" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorKind" "ActorKind" NOT NULL,
    "actorUserId" TEXT,
    "note" TEXT,

    CONSTRAINT "DispatchJobEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GeofenceEvent" (
    "id" BIGSERIAL NOT NULL,
    "zoneId" TEXT NOT NULL,
    "assetKind" "AssetKind" NOT NULL,
    "assetKey" TEXT NOT NULL,
    "transition" "GeofenceTransition" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "GeofenceEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT,
    "kind" "AlertKind" NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "assetKind" "AssetKind",
    "assetKey" TEXT,
    "zoneId" TEXT,
    "message" TEXT NOT NULL,
    "data" JSONB,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_code_key" ON "Organization"("code");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_organizationId_idx" ON "User"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Port_unlocode_key" ON "Port"("unlocode");

-- CreateIndex
CREATE UNIQUE INDEX "Terminal_portId_code_key" ON "Terminal"("portId", "code");

-- CreateIndex
CREATE INDEX "Zone_kind_idx" ON "Zone"("kind");

-- CreateIndex
CREATE UNIQUE INDEX "Zone_portId_code_key" ON "Zone"("portId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Berth_zoneId_key" ON "Berth"("zoneId");

-- CreateIndex
CREATE UNIQUE INDEX "Berth_terminalId_code_key" ON "Berth"("terminalId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "YardBlock_zoneId_key" ON "YardBlock"("zoneId");

-- CreateIndex
CREATE UNIQUE INDEX "YardBlock_terminalId_code_key" ON "YardBlock"("terminalId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Vessel_mmsi_key" ON "Vessel"("mmsi");

-- CreateIndex
CREATE UNIQUE INDEX "Vessel_imo_key" ON "Vessel"("imo");

-- CreateIndex
CREATE INDEX "Vessel_name_idx" ON "Vessel"("name");

-- CreateIndex
CREATE INDEX "VesselVisit_vesselId_eta_idx" ON "VesselVisit"("vesselId", "eta");

-- CreateIndex
CREATE INDEX "VesselVisit_berthId_eta_idx" ON "VesselVisit"("berthId", "eta");

-- CreateIndex
CREATE INDEX "VesselVisit_status_idx" ON "VesselVisit"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Vehicle_plate_key" ON "Vehicle"("plate");

-- CreateIndex
CREATE UNIQUE INDEX "Vehicle_vin_key" ON "Vehicle"("vin");

-- CreateIndex
CREATE INDEX "Vehicle_organizationId_idx" ON "Vehicle"("organizationId");

-- CreateIndex
CREATE INDEX "Driver_organizationId_idx" ON "Driver"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Device_vehicleId_key" ON "Device"("vehicleId");

-- CreateIndex
CREATE UNIQUE INDEX "Device_terminalPhone_key" ON "Device"("terminalPhone");

-- CreateIndex
CREATE INDEX "Device_organizationId_idx" ON "Device"("organizationId");

-- CreateIndex
CREATE INDEX "PositionFix_fixAt_idx" ON "PositionFix"("fixAt");

-- CreateIndex
CREATE UNIQUE INDEX "PositionFix_assetKind_assetKey_fixAt_key" ON "PositionFix"("assetKind", "assetKey", "fixAt");

-- CreateIndex
CREATE INDEX "LatestPosition_lat_lon_idx" ON "LatestPosition"("lat", "lon");

-- CreateIndex
CREATE UNIQUE INDEX "Container_number_key" ON "Container"("number");

-- CreateIndex
CREATE INDEX "EquipmentEvent_containerId_eventAt_idx" ON "EquipmentEvent"("containerId", "eventAt");

-- CreateIndex
CREATE INDEX "EquipmentEvent_eventType_eventCreatedAt_idx" ON "EquipmentEvent"("eventType", "eventCreatedAt");

-- CreateIndex
CREATE INDEX "EquipmentEvent_eventCreatedAt_idx" ON "EquipmentEvent"("eventCreatedAt");

-- CreateIndex
CREATE INDEX "EquipmentEvent_vesselVisitId_idx" ON "EquipmentEvent"("vesselVisitId");

-- CreateIndex
CREATE INDEX "DispatchJob_organizationId_status_idx" ON "DispatchJob"("organizationId", "status");

-- CreateIndex
CREATE INDEX "DispatchJob_vehicleId_status_idx" ON "DispatchJob"("vehicleId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DispatchJob_organizationId_reference_key" ON "DispatchJob"("organizationId", "reference");

-- CreateIndex
CREATE INDEX "DispatchJobEvent_jobId_at_idx" ON "DispatchJobEvent"("jobId", "at");

-- CreateIndex
CREATE INDEX "GeofenceEvent_assetKind_assetKey_at_idx" ON "GeofenceEvent"("assetKind", "assetKey", "at");

-- CreateIndex
CREATE INDEX "GeofenceEvent_zoneId_at_idx" ON "GeofenceEvent"("zoneId", "at");

-- CreateIndex
CREATE INDEX "Alert_organizationId_raisedAt_idx" ON "Alert"("organizationId", "raisedAt");

-- CreateIndex
CREATE INDEX "Alert_acknowledgedAt_idx" ON "Alert"("acknowledgedAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Terminal" ADD CONSTRAINT "Terminal_portId_fkey" FOREIGN KEY ("portId") REFERENCES "Port"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Terminal" ADD CONSTRAINT "Terminal_operatorOrganizationId_fkey" FOREIGN KEY ("operatorOrganizationId") REFERENCES "Organization"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Zone" ADD CONSTRAINT "Zone_portId_fkey" FOREIGN KEY ("portId") REFERENCES "Port"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Zone" ADD CONSTRAINT "Zone_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Berth" ADD CONSTRAINT "Berth_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Berth" ADD CONSTRAINT "Berth_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YardBlock" ADD CONSTRAINT "YardBlock_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "YardBlock" ADD CONSTRAINT "YardBlock_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VesselVisit" ADD CONSTRAINT "VesselVisit_vesselId_fkey" FOREIGN KEY ("vesselId") REFERENCES "Vessel"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VesselVisit" ADD CONSTRAINT "VesselVisit_portId_fkey" FOREIGN KEY ("portId") REFERENCES "Port"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VesselVisit" ADD CONSTRAINT "VesselVisit_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VesselVisit" ADD CONSTRAINT "VesselVisit_berthId_fkey" FOREIGN KEY ("berthId") REFERENCES "Berth"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vehicle" ADD CONSTRAINT "Vehicle_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Driver" ADD CONSTRAINT "Driver_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Driver" ADD CONSTRAINT "Driver_currentVehicleId_fkey" FOREIGN KEY ("currentVehicleId") REFERENCES "Vehicle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Device" ADD CONSTRAINT "Device_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentEvent" ADD CONSTRAINT "EquipmentEvent_containerId_fkey" FOREIGN KEY ("containerId") REFERENCES "Container"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentEvent" ADD CONSTRAINT "EquipmentEvent_terminalId_fkey" FOREIGN KEY ("terminalId") REFERENCES "Terminal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentEvent" ADD CONSTRAINT "EquipmentEvent_yardBlockId_fkey" FOREIGN KEY ("yardBlockId") REFERENCES "YardBlock"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentEvent" ADD CONSTRAINT "EquipmentEvent_vesselVisitId_fkey" FOREIGN KEY ("vesselVisitId") REFERENCES "VesselVisit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentEvent" ADD CONSTRAINT "EquipmentEvent_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EquipmentEvent" ADD CONSTRAINT "EquipmentEvent_dispatchJobId_fkey" FOREIGN KEY ("dispatchJobId") REFERENCES "DispatchJob"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispatchJob" ADD CONSTRAINT "DispatchJob_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispatchJob" ADD CONSTRAINT "DispatchJob_containerId_fkey" FOREIGN KEY ("containerId") REFERENCES "Container"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispatchJob" ADD CONSTRAINT "DispatchJob_pickupZoneId_fkey" FOREIGN KEY ("pickupZoneId") REFERENCES "Zone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispatchJob" ADD CONSTRAINT "DispatchJob_dropoffZoneId_fkey" FOREIGN KEY ("dropoffZoneId") REFERENCES "Zone"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispatchJob" ADD CONSTRAINT "DispatchJob_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "Vehicle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispatchJob" ADD CONSTRAINT "DispatchJob_driverId_fkey" FOREIGN KEY ("driverId") REFERENCES "Driver"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispatchJob" ADD CONSTRAINT "DispatchJob_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispatchJobEvent" ADD CONSTRAINT "DispatchJobEvent_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "DispatchJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DispatchJobEvent" ADD CONSTRAINT "DispatchJobEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GeofenceEvent" ADD CONSTRAINT "GeofenceEvent_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_zoneId_fkey" FOREIGN KEY ("zoneId") REFERENCES "Zone"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_acknowledgedById_fkey" FOREIGN KEY ("acknowledgedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
