CREATE TABLE "patient_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"progress" text NOT NULL,
	"next_steps" text,
	"resources" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"corrects_update_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "patient_updates_status_check" CHECK ("patient_updates"."status" in ('draft','published')),
	CONSTRAINT "patient_updates_published_at" CHECK (("patient_updates"."status" = 'published') = ("patient_updates"."published_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "patient_updates" ADD CONSTRAINT "patient_updates_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_updates" ADD CONSTRAINT "patient_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_updates" ADD CONSTRAINT "patient_updates_corrects_update_id_patient_updates_id_fk" FOREIGN KEY ("corrects_update_id") REFERENCES "public"."patient_updates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_updates" ADD CONSTRAINT "patient_updates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "patient_updates_patient_idx" ON "patient_updates" USING btree ("patient_id","created_at");--> statement-breakpoint
-- A published update is what the patient read: it is never changed or deleted, only corrected.
CREATE OR REPLACE FUNCTION patient_updates_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'patient updates are kept: delete refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'a published update cannot be changed; write a correction' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER patient_updates_published_are_fixed
  BEFORE UPDATE OR DELETE ON patient_updates
  FOR EACH ROW EXECUTE FUNCTION patient_updates_refuse_change();
