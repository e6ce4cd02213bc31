-- A terminal is who it proved to be: the auth code is kept only as a SHA-256 hash, and a phone
-- is bound to the terminal id that registered it.

-- Plain auth codes do not survive: every terminal registers again for a new code.
ALTER TABLE "Device" DROP COLUMN "authCode",
ADD COLUMN     "authCodeHash" TEXT,
ADD COLUMN     "bindingResetAt" TIMESTAMPTZ(3),
ADD COLUMN     "isRegistrationOpen" BOOLEAN NOT NULL DEFAULT true;

-- The terminal id of the last registration is the bound one.
ALTER TABLE "Device" RENAME COLUMN "terminalId" TO "boundTerminalId";

-- A terminal that registered with a terminal id stays bound to it: it alone registers again
-- (a new code by terminal-id match). The others are open to their first registration.
UPDATE "Device" SET "isRegistrationOpen" = false
WHERE "registeredAt" IS NOT NULL AND "boundTerminalId" IS NOT NULL AND "boundTerminalId" <> '';
