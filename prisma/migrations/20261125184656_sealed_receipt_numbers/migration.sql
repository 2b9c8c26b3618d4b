-- Receipt numbers are no longer stored in plaintext (app/status/sealed-receipts.server.ts): each table keeps a
-- blind index ("receiptKey", an HMAC) for lookups and joins, and the tables that need the number back keep it
-- encrypted ("sealedNumber"). SQL cannot compute either without the application's keys, so existing rows are
-- renamed in place and marked 'plain:<number>', and migrateDatabase (server/database.ts) converts them right after
-- the migrations run, before anything serves (resealReceipts).

-- ReceiptNumber
ALTER TABLE "ReceiptNumber" RENAME COLUMN "number" TO "receiptKey";
ALTER INDEX "ReceiptNumber_number_key" RENAME TO "ReceiptNumber_receiptKey_key";
ALTER TABLE "ReceiptNumber" ADD COLUMN "sealedNumber" TEXT;
UPDATE "ReceiptNumber" SET "sealedNumber" = 'plain:' || "receiptKey";
ALTER TABLE "ReceiptNumber" ALTER COLUMN "sealedNumber" SET NOT NULL;

-- TrackedReceipt (observations follow a key change through ON UPDATE CASCADE)
ALTER TABLE "StatusObservation" DROP CONSTRAINT "StatusObservation_receiptNumber_fkey";
ALTER TABLE "TrackedReceipt" RENAME COLUMN "number" TO "receiptKey";
ALTER TABLE "TrackedReceipt" ADD COLUMN "sealedNumber" TEXT;
UPDATE "TrackedReceipt" SET "sealedNumber" = 'plain:' || "receiptKey";
ALTER TABLE "TrackedReceipt" ALTER COLUMN "sealedNumber" SET NOT NULL;

-- StatusObservation
ALTER TABLE "StatusObservation" RENAME COLUMN "receiptNumber" TO "receiptKey";
ALTER INDEX "StatusObservation_receiptNumber_observedAt_idx" RENAME TO "StatusObservation_receiptKey_observedAt_idx";
ALTER INDEX "StatusObservation_receiptNumber_fingerprint_key" RENAME TO "StatusObservation_receiptKey_fingerprint_key";
ALTER TABLE "StatusObservation" ADD CONSTRAINT "StatusObservation_receiptKey_fkey" FOREIGN KEY ("receiptKey") REFERENCES "TrackedReceipt"("receiptKey") ON DELETE CASCADE ON UPDATE CASCADE;

-- StatusChange
ALTER TABLE "StatusChange" RENAME COLUMN "receiptNumber" TO "receiptKey";
ALTER INDEX "StatusChange_receiptNumber_createdAt_idx" RENAME TO "StatusChange_receiptKey_createdAt_idx";

-- StatusSubscription
ALTER TABLE "StatusSubscription" RENAME COLUMN "receiptNumber" TO "receiptKey";
ALTER INDEX "StatusSubscription_receiptNumber_state_idx" RENAME TO "StatusSubscription_receiptKey_state_idx";
ALTER INDEX "StatusSubscription_email_receiptNumber_key" RENAME TO "StatusSubscription_email_receiptKey_key";
ALTER TABLE "StatusSubscription" ADD COLUMN "sealedNumber" TEXT;
UPDATE "StatusSubscription" SET "sealedNumber" = 'plain:' || "receiptKey";
ALTER TABLE "StatusSubscription" ALTER COLUMN "sealedNumber" SET NOT NULL;
