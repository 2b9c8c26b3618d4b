-- CreateEnum
CREATE TYPE "BoardContentState" AS ENUM ('PUBLISHED', 'PENDING', 'HIDDEN');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "boardName" TEXT,
ADD COLUMN     "boardSuspendedReason" TEXT,
ADD COLUMN     "boardSuspendedUntil" TIMESTAMP(3),
ADD COLUMN     "isModerator" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "BoardCategory" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "BoardCategory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardThread" (
    "id" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "state" "BoardContentState" NOT NULL DEFAULT 'PUBLISHED',
    "locked" BOOLEAN NOT NULL DEFAULT false,
    "replyCount" INTEGER NOT NULL DEFAULT 0,
    "lastPostAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardThread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardPost" (
    "id" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "state" "BoardContentState" NOT NULL DEFAULT 'PUBLISHED',
    "quotedPostId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "editedAt" TIMESTAMP(3),
    "hiddenReason" TEXT,

    CONSTRAINT "BoardPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardPostRevision" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "editorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardPostRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardReport" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "details" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "resolution" TEXT,

    CONSTRAINT "BoardReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoardThreadSubscription" (
    "threadId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoardThreadSubscription_pkey" PRIMARY KEY ("threadId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "BoardCategory_slug_key" ON "BoardCategory"("slug");

-- CreateIndex
CREATE INDEX "BoardThread_categoryId_state_lastPostAt_idx" ON "BoardThread"("categoryId", "state", "lastPostAt");

-- CreateIndex
CREATE INDEX "BoardThread_categoryId_state_createdAt_idx" ON "BoardThread"("categoryId", "state", "createdAt");

-- CreateIndex
CREATE INDEX "BoardThread_state_lastPostAt_idx" ON "BoardThread"("state", "lastPostAt");

-- CreateIndex
CREATE INDEX "BoardPost_threadId_state_number_idx" ON "BoardPost"("threadId", "state", "number");

-- CreateIndex
CREATE INDEX "BoardPost_authorId_createdAt_idx" ON "BoardPost"("authorId", "createdAt");

-- CreateIndex
CREATE INDEX "BoardPost_state_createdAt_idx" ON "BoardPost"("state", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BoardPost_threadId_number_key" ON "BoardPost"("threadId", "number");

-- CreateIndex
CREATE INDEX "BoardPostRevision_postId_createdAt_idx" ON "BoardPostRevision"("postId", "createdAt");

-- CreateIndex
CREATE INDEX "BoardReport_resolvedAt_createdAt_idx" ON "BoardReport"("resolvedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BoardReport_postId_reporterId_key" ON "BoardReport"("postId", "reporterId");

-- CreateIndex
CREATE INDEX "BoardThreadSubscription_userId_idx" ON "BoardThreadSubscription"("userId");

-- AddForeignKey
ALTER TABLE "BoardThread" ADD CONSTRAINT "BoardThread_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "BoardCategory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardThread" ADD CONSTRAINT "BoardThread_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardPost" ADD CONSTRAINT "BoardPost_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "BoardThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardPost" ADD CONSTRAINT "BoardPost_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardPostRevision" ADD CONSTRAINT "BoardPostRevision_postId_fkey" FOREIGN KEY ("postId") REFERENCES "BoardPost"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardPostRevision" ADD CONSTRAINT "BoardPostRevision_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardReport" ADD CONSTRAINT "BoardReport_postId_fkey" FOREIGN KEY ("postId") REFERENCES "BoardPost"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardReport" ADD CONSTRAINT "BoardReport_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardReport" ADD CONSTRAINT "BoardReport_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardThreadSubscription" ADD CONSTRAINT "BoardThreadSubscription_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "BoardThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoardThreadSubscription" ADD CONSTRAINT "BoardThreadSubscription_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search over thread titles and post bodies (Prisma cannot express expression indexes, and the queries in
-- app/boards/search.server.ts use these exact expressions).
CREATE INDEX "BoardPost_search_idx" ON "BoardPost" USING GIN (to_tsvector('english', "body"));
CREATE INDEX "BoardThread_search_idx" ON "BoardThread" USING GIN (to_tsvector('english', "title"));

-- The boards' categories.
INSERT INTO "BoardCategory" ("id", "slug", "name", "description", "position") VALUES
  ('cat_family', 'family-petitions', 'Family petitions', 'I-130 and I-130A, spouses, parents, children and siblings, the National Visa Center and consular processing.', 1),
  ('cat_work', 'work-visas', 'Work visas', 'H-1B, L-1, O-1, TN and other work visas, and work permits (I-765).', 2),
  ('cat_greencard', 'green-cards', 'Green cards', 'Adjustment of status (I-485), interviews, conditional residence (I-751) and card renewals (I-90).', 3),
  ('cat_citizenship', 'citizenship', 'Citizenship', 'Naturalization (N-400): eligibility, the civics test, interviews and the oath ceremony.', 4),
  ('cat_asylum', 'asylum', 'Asylum', 'Asylum (I-589), protection, work permits while a case is pending, and finding legal help.', 5),
  ('cat_general', 'general', 'General questions', 'Travel, fees, USCIS case status, and anything else.', 6);
