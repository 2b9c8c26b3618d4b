-- AlterTable
ALTER TABLE "User" ADD COLUMN     "messageEmails" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "BoardPost" ADD COLUMN     "bodyHtml" TEXT,
ADD COLUMN     "htmlVersion" INTEGER;

-- CreateTable
CREATE TABLE "MessageThread" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "startedById" TEXT,
    "lastClientActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageThread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "authorId" TEXT,
    "fromClient" BOOLEAN NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageReceipt" (
    "messageId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageReceipt_pkey" PRIMARY KEY ("messageId","userId")
);

-- CreateTable
CREATE TABLE "MessageNotice" (
    "threadId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MessageNotice_pkey" PRIMARY KEY ("threadId","userId")
);

-- CreateIndex
CREATE INDEX "MessageThread_caseId_lastActivityAt_idx" ON "MessageThread"("caseId", "lastActivityAt");

-- CreateIndex
CREATE INDEX "Message_threadId_createdAt_idx" ON "Message"("threadId", "createdAt");

-- CreateIndex
CREATE INDEX "MessageReceipt_userId_idx" ON "MessageReceipt"("userId");

-- CreateIndex
CREATE INDEX "MessageNotice_userId_idx" ON "MessageNotice"("userId");

-- AddForeignKey
ALTER TABLE "MessageThread" ADD CONSTRAINT "MessageThread_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageThread" ADD CONSTRAINT "MessageThread_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "MessageThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageReceipt" ADD CONSTRAINT "MessageReceipt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageReceipt" ADD CONSTRAINT "MessageReceipt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageNotice" ADD CONSTRAINT "MessageNotice_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "MessageThread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageNotice" ADD CONSTRAINT "MessageNotice_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Message boards: guest pages are cached in the web process (app/boards/page-cache.server.ts). Any change to what
-- a board page shows, from any process (another server, a script, psql), tells every listener at commit to drop
-- its cached pages. Writing the rendered HTML back (bodyHtml, htmlVersion) changes nothing visible, so it is not
-- in the column lists and does not empty the cache.
-- Prisma's migration runner splits scripts at every semicolon, even inside $-quoted bodies, so the body is an
-- E'' string with its semicolons written as \073.
CREATE FUNCTION "board_pages_changed"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN PERFORM pg_notify(''board_pages_changed'', '''')\073 RETURN NULL\073 END';

CREATE TRIGGER "BoardCategory_pages_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "BoardCategory"
  FOR EACH STATEMENT EXECUTE FUNCTION "board_pages_changed"();
CREATE TRIGGER "BoardThread_pages_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "BoardThread"
  FOR EACH STATEMENT EXECUTE FUNCTION "board_pages_changed"();
CREATE TRIGGER "BoardPost_pages_changed_write" AFTER INSERT OR DELETE OR TRUNCATE ON "BoardPost"
  FOR EACH STATEMENT EXECUTE FUNCTION "board_pages_changed"();
CREATE TRIGGER "BoardPost_pages_changed_update"
  AFTER UPDATE OF "threadId", "authorId", "number", "body", "state", "quotedPostId", "createdAt", "editedAt", "hiddenReason" ON "BoardPost"
  FOR EACH STATEMENT EXECUTE FUNCTION "board_pages_changed"();
CREATE TRIGGER "User_board_pages_changed" AFTER UPDATE OF "name", "boardName", "role" ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "board_pages_changed"();
