CREATE TABLE "clinicians" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'clinician' NOT NULL,
	"discipline" text NOT NULL,
	"organisation" text,
	"phone" text,
	"email" text,
	"internal" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "clinicians_kind_check" CHECK ("clinicians"."kind" in ('clinician','resource'))
);
--> statement-breakpoint
ALTER TABLE "care_team_members" ADD COLUMN "clinician_id" uuid;--> statement-breakpoint
-- Existing care team rows each named their clinician: make one directory entry per distinct
-- clinician and point the rows at it, before the old columns go.
INSERT INTO "clinicians" ("name", "discipline", "organisation", "phone", "email", "internal")
SELECT DISTINCT "name", "discipline", "organisation", "phone", "email", "internal" FROM "care_team_members";--> statement-breakpoint
UPDATE "care_team_members" m SET "clinician_id" = c."id"
FROM "clinicians" c
WHERE c."name" = m."name" AND c."discipline" = m."discipline"
  AND c."organisation" IS NOT DISTINCT FROM m."organisation" AND c."phone" IS NOT DISTINCT FROM m."phone"
  AND c."email" IS NOT DISTINCT FROM m."email" AND c."internal" = m."internal";--> statement-breakpoint
ALTER TABLE "care_team_members" ALTER COLUMN "clinician_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "clinicians_name_idx" ON "clinicians" USING btree ("name");--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_clinician_id_clinicians_id_fk" FOREIGN KEY ("clinician_id") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "care_team_members_active_key" ON "care_team_members" USING btree ("patient_id","clinician_id") WHERE "care_team_members"."archived_at" is null;--> statement-breakpoint
ALTER TABLE "care_team_members" DROP COLUMN "name";--> statement-breakpoint
ALTER TABLE "care_team_members" DROP COLUMN "discipline";--> statement-breakpoint
ALTER TABLE "care_team_members" DROP COLUMN "organisation";--> statement-breakpoint
ALTER TABLE "care_team_members" DROP COLUMN "phone";--> statement-breakpoint
ALTER TABLE "care_team_members" DROP COLUMN "email";--> statement-breakpoint
ALTER TABLE "care_team_members" DROP COLUMN "internal";