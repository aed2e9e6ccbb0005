CREATE TABLE "patient_preference_versions" (
	"patient_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "patient_preference_versions_patient_id_version_pk" PRIMARY KEY("patient_id","version")
);
--> statement-breakpoint
ALTER TABLE "patient_preference_versions" ADD CONSTRAINT "patient_preference_versions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_preference_versions" ADD CONSTRAINT "patient_preference_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- What the patient said mattered, as each save left it: append-only.
CREATE TRIGGER patient_preference_versions_append_only
  BEFORE UPDATE OR DELETE ON patient_preference_versions
  FOR EACH ROW EXECUTE FUNCTION care_plan_versions_refuse_change();
