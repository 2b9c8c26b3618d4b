-- AlterTable
ALTER TABLE "Answer" ADD COLUMN     "lookup" TEXT;

-- CreateIndex
CREATE INDEX "Answer_lookup_idx" ON "Answer"("lookup");

