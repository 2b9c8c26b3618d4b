-- CreateEnum
CREATE TYPE "ExpiryKind" AS ENUM ('PASSPORT', 'VISA', 'I94', 'EAD', 'GREEN_CARD', 'OTHER');

-- CreateEnum
CREATE TYPE "StatusSource" AS ENUM ('PROVIDER', 'MANUAL');

-- CreateEnum
CREATE TYPE "SubscriptionState" AS ENUM ('PENDING', 'CONFIRMED', 'UNSUBSCRIBED');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "expiryReminders" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "language" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "marketingOptInAt" TIMESTAMP(3),
ADD COLUMN     "statusAlerts" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "TrackedReceipt" (
    "number" TEXT NOT NULL,
    "nextCheckAt" TIMESTAMP(3) NOT NULL,
    "lastCheckedAt" TIMESTAMP(3),
    "lastResult" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "latestObservationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrackedReceipt_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "StatusObservation" (
    "id" TEXT NOT NULL,
    "receiptNumber" TEXT NOT NULL,
    "source" "StatusSource" NOT NULL,
    "provider" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "formType" TEXT,
    "titleEn" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "titleEs" TEXT,
    "descriptionEs" TEXT,
    "category" TEXT NOT NULL,
    "ruleKey" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "modifiedAt" TIMESTAMP(3),
    "history" JSONB,
    "observedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enteredById" TEXT,

    CONSTRAINT "StatusObservation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" TEXT NOT NULL,
    "receiptNumber" TEXT NOT NULL,
    "observationId" TEXT NOT NULL,
    "previousObservationId" TEXT,
    "fromCategory" TEXT,
    "toCategory" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusSubscription" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "receiptNumber" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "state" "SubscriptionState" NOT NULL DEFAULT 'PENDING',
    "confirmTokenHash" TEXT,
    "confirmExpiresAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "unsubscribedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatusSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailContent" (
    "id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailContent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailDelivery" (
    "id" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "contentId" TEXT NOT NULL,
    "unsubscribe" TEXT,
    "batchKey" TEXT,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "providerId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProviderUsage" (
    "provider" TEXT NOT NULL,
    "window" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderUsage_pkey" PRIMARY KEY ("provider","window")
);

-- CreateTable
CREATE TABLE "ProviderPause" (
    "provider" TEXT NOT NULL,
    "pausedUntil" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "consecutive" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderPause_pkey" PRIMARY KEY ("provider")
);

-- CreateTable
CREATE TABLE "CaseExpiry" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "ExpiryKind" NOT NULL,
    "label" TEXT,
    "expiresOn" DATE NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseExpiry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TrackedReceipt_nextCheckAt_idx" ON "TrackedReceipt"("nextCheckAt");

-- CreateIndex
CREATE INDEX "StatusObservation_receiptNumber_observedAt_idx" ON "StatusObservation"("receiptNumber", "observedAt");

-- CreateIndex
CREATE UNIQUE INDEX "StatusObservation_receiptNumber_fingerprint_key" ON "StatusObservation"("receiptNumber", "fingerprint");

-- CreateIndex
CREATE UNIQUE INDEX "StatusChange_observationId_key" ON "StatusChange"("observationId");

-- CreateIndex
CREATE INDEX "StatusChange_receiptNumber_createdAt_idx" ON "StatusChange"("receiptNumber", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscription_confirmTokenHash_key" ON "StatusSubscription"("confirmTokenHash");

-- CreateIndex
CREATE INDEX "StatusSubscription_receiptNumber_state_idx" ON "StatusSubscription"("receiptNumber", "state");

-- CreateIndex
CREATE UNIQUE INDEX "StatusSubscription_email_receiptNumber_key" ON "StatusSubscription"("email", "receiptNumber");

-- CreateIndex
CREATE UNIQUE INDEX "EmailDelivery_dedupeKey_key" ON "EmailDelivery"("dedupeKey");

-- CreateIndex
CREATE INDEX "EmailDelivery_batchKey_idx" ON "EmailDelivery"("batchKey");

-- CreateIndex
CREATE INDEX "EmailDelivery_sentAt_notBefore_idx" ON "EmailDelivery"("sentAt", "notBefore");

-- CreateIndex
CREATE INDEX "CaseExpiry_caseId_idx" ON "CaseExpiry"("caseId");

-- CreateIndex
CREATE INDEX "CaseExpiry_expiresOn_idx" ON "CaseExpiry"("expiresOn");

-- AddForeignKey
ALTER TABLE "StatusObservation" ADD CONSTRAINT "StatusObservation_receiptNumber_fkey" FOREIGN KEY ("receiptNumber") REFERENCES "TrackedReceipt"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusObservation" ADD CONSTRAINT "StatusObservation_enteredById_fkey" FOREIGN KEY ("enteredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_observationId_fkey" FOREIGN KEY ("observationId") REFERENCES "StatusObservation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailDelivery" ADD CONSTRAINT "EmailDelivery_contentId_fkey" FOREIGN KEY ("contentId") REFERENCES "EmailContent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseExpiry" ADD CONSTRAINT "CaseExpiry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseExpiry" ADD CONSTRAINT "CaseExpiry_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Receipt numbers already on cases are tracked from now on.
INSERT INTO "TrackedReceipt" ("number", "nextCheckAt") SELECT "number", CURRENT_TIMESTAMP FROM "ReceiptNumber" ON CONFLICT DO NOTHING;
