CREATE TABLE "education_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"summary" text NOT NULL,
	"url" text,
	"language" text DEFAULT 'en' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "education_resources_category_check" CHECK ("education_resources"."category" in ('rights','financial-help','support-services','transport','language-access','other')),
	CONSTRAINT "education_resources_url_check" CHECK ("education_resources"."url" is null or "education_resources"."url" ~ '^https?://')
);
--> statement-breakpoint
CREATE TABLE "resources_given" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"given_by" uuid NOT NULL,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "education_resources" ADD CONSTRAINT "education_resources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources_given" ADD CONSTRAINT "resources_given_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources_given" ADD CONSTRAINT "resources_given_resource_id_education_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."education_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources_given" ADD CONSTRAINT "resources_given_given_by_users_id_fk" FOREIGN KEY ("given_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "education_resources_title_key" ON "education_resources" USING btree (lower("title"),"language") WHERE "education_resources"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "resources_given_patient_idx" ON "resources_given" USING btree ("patient_id","given_at");--> statement-breakpoint
-- What a patient was given is a record of care: kept.
CREATE OR REPLACE FUNCTION resources_given_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'resources given are kept: % refused', lower(TG_OP) USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER resources_given_kept
  BEFORE UPDATE OR DELETE ON resources_given
  FOR EACH ROW EXECUTE FUNCTION resources_given_refuse_change();
