-- CreateEnum
CREATE TYPE "TaskKind" AS ENUM ('RFE_RESPONSE', 'BIOMETRICS', 'INTERVIEW', 'FILING_DEADLINE', 'OTHER_DEADLINE', 'TASK');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "CaseTask" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "TaskKind" NOT NULL,
    "title" TEXT NOT NULL,
    "notes" TEXT,
    "dueDay" DATE NOT NULL,
    "dueAt" TIMESTAMP(3),
    "timeZone" TEXT NOT NULL,
    "assigneeId" TEXT NOT NULL,
    "clientVisible" BOOLEAN NOT NULL DEFAULT false,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "completedAt" TIMESTAMP(3),
    "completedById" TEXT,
    "createdById" TEXT,
    "noticeDate" DATE,
    "responseDays" INTEGER,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskReminder" (
    "taskId" TEXT NOT NULL,
    "offsetDays" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TaskReminder_pkey" PRIMARY KEY ("taskId","offsetDays")
);

-- CreateTable
CREATE TABLE "DeadlineSettings" (
    "userId" TEXT NOT NULL,
    "reminders" BOOLEAN NOT NULL DEFAULT true,
    "feedTokenHash" TEXT,
    "feedCreatedAt" TIMESTAMP(3),
    "feedLastUsedAt" TIMESTAMP(3),

    CONSTRAINT "DeadlineSettings_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "CaseTask_caseId_dueDay_idx" ON "CaseTask"("caseId", "dueDay");

-- CreateIndex
CREATE INDEX "CaseTask_assigneeId_status_dueDay_idx" ON "CaseTask"("assigneeId", "status", "dueDay");

-- CreateIndex
CREATE INDEX "CaseTask_status_dueDay_idx" ON "CaseTask"("status", "dueDay");

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineSettings_feedTokenHash_key" ON "DeadlineSettings"("feedTokenHash");

-- AddForeignKey
ALTER TABLE "CaseTask" ADD CONSTRAINT "CaseTask_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseTask" ADD CONSTRAINT "CaseTask_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseTask" ADD CONSTRAINT "CaseTask_completedById_fkey" FOREIGN KEY ("completedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseTask" ADD CONSTRAINT "CaseTask_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskReminder" ADD CONSTRAINT "TaskReminder_taskId_fkey" FOREIGN KEY ("taskId") REFERENCES "CaseTask"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineSettings" ADD CONSTRAINT "DeadlineSettings_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

