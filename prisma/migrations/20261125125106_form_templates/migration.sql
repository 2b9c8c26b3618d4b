-- CreateTable
CREATE TABLE "FormTemplate" (
    "id" TEXT NOT NULL,
    "formNumber" TEXT NOT NULL,
    "edition" TEXT NOT NULL,
    "editionDate" TIMESTAMP(3),
    "pdf" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "fieldCount" INTEGER NOT NULL,
    "fields" JSONB NOT NULL,
    "wasEncrypted" BOOLEAN NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FormTemplate_sha256_key" ON "FormTemplate"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "FormTemplate_formNumber_edition_key" ON "FormTemplate"("formNumber", "edition");

-- AddForeignKey
ALTER TABLE "FormTemplate" ADD CONSTRAINT "FormTemplate_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

