CREATE TABLE "care_plan_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "care_plan_goals_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"description" text NOT NULL,
	"measure" text,
	"target_date" date,
	"status" text DEFAULT 'proposed' NOT NULL,
	"priority" text DEFAULT 'medium' NOT NULL,
	"patient_set" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "care_plan_goals_status_check" CHECK ("care_plan_goals"."status" in ('proposed','active','achieved','not-achieved','cancelled')),
	CONSTRAINT "care_plan_goals_priority_check" CHECK ("care_plan_goals"."priority" in ('high','medium','low'))
);
--> statement-breakpoint
CREATE TABLE "care_plan_interventions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "care_plan_interventions_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"goal_id" uuid,
	"description" text NOT NULL,
	"owner_clinician_id" uuid,
	"owner_user_id" uuid,
	"due_date" date,
	"status" text DEFAULT 'not-started' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "care_plan_interventions_status_check" CHECK ("care_plan_interventions"."status" in ('not-started','in-progress','done','cancelled')),
	CONSTRAINT "care_plan_interventions_one_owner" CHECK ("care_plan_interventions"."owner_clinician_id" is null or "care_plan_interventions"."owner_user_id" is null)
);
--> statement-breakpoint
CREATE TABLE "care_plan_problems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "care_plan_problems_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "care_plan_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "care_plan_versions" (
	"plan_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "care_plan_versions_plan_id_version_pk" PRIMARY KEY("plan_id","version")
);
--> statement-breakpoint
CREATE TABLE "care_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_date" date NOT NULL,
	"template_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_plans_status_check" CHECK ("care_plans"."status" in ('draft','active','completed','revoked')),
	CONSTRAINT "care_plans_ended" CHECK (("care_plans"."status" in ('completed','revoked')) = ("care_plans"."ended_at" is not null)),
	CONSTRAINT "care_plans_activated" CHECK ("care_plans"."status" in ('draft','revoked') or "care_plans"."activated_at" is not null),
	CONSTRAINT "care_plans_revoked_reason" CHECK ("care_plans"."status" <> 'revoked' or "care_plans"."end_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "patient_preferences" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"what_matters_most" text,
	"my_goals" text,
	"treatment_preferences" text,
	"communication_preferences" text,
	"language_needs" text,
	"decision_support" text,
	"who_may_be_told" text,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "care_plan_goals" ADD CONSTRAINT "care_plan_goals_plan_id_care_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_plan_id_care_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_goal_id_care_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."care_plan_goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_owner_clinician_id_clinicians_id_fk" FOREIGN KEY ("owner_clinician_id") REFERENCES "public"."clinicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_problems" ADD CONSTRAINT "care_plan_problems_plan_id_care_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_templates" ADD CONSTRAINT "care_plan_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_versions" ADD CONSTRAINT "care_plan_versions_plan_id_care_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_versions" ADD CONSTRAINT "care_plan_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_template_id_care_plan_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."care_plan_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_preferences" ADD CONSTRAINT "patient_preferences_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_preferences" ADD CONSTRAINT "patient_preferences_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_plan_goals_plan_idx" ON "care_plan_goals" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "care_plan_interventions_plan_idx" ON "care_plan_interventions" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "care_plan_interventions_open_due_idx" ON "care_plan_interventions" USING btree ("due_date") WHERE "care_plan_interventions"."status" in ('not-started','in-progress') and "care_plan_interventions"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "care_plan_problems_plan_idx" ON "care_plan_problems" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_plan_templates_name_key" ON "care_plan_templates" USING btree (lower("name")) WHERE "care_plan_templates"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "care_plans_patient_idx" ON "care_plans" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE INDEX "care_plans_review_idx" ON "care_plans" USING btree ("review_date") WHERE "care_plans"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "care_plans_one_active_key" ON "care_plans" USING btree ("patient_id") WHERE "care_plans"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "care_plans_one_draft_key" ON "care_plans" USING btree ("patient_id") WHERE "care_plans"."status" = 'draft';--> statement-breakpoint
-- The lifecycle: draft → active → completed or revoked (a draft may also be withdrawn as revoked).
-- A closed plan is the record of what was agreed: it never changes again. Plans are never deleted.
CREATE OR REPLACE FUNCTION care_plans_guard_lifecycle() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'care plans are kept: delete refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status IN ('completed', 'revoked') THEN
    RAISE EXCEPTION 'a % care plan cannot change', OLD.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND NOT (
    (OLD.status = 'draft' AND NEW.status IN ('active', 'revoked'))
    OR (OLD.status = 'active' AND NEW.status IN ('completed', 'revoked'))
  ) THEN
    RAISE EXCEPTION 'a care plan cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER care_plans_lifecycle
  BEFORE UPDATE OR DELETE ON care_plans
  FOR EACH ROW EXECUTE FUNCTION care_plans_guard_lifecycle();
--> statement-breakpoint
-- The version history is what people relied on: append-only, like the audit trail.
CREATE OR REPLACE FUNCTION care_plan_versions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'care plan versions are append-only: % refused', lower(TG_OP) USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER care_plan_versions_append_only
  BEFORE UPDATE OR DELETE ON care_plan_versions
  FOR EACH ROW EXECUTE FUNCTION care_plan_versions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER care_plan_versions_no_truncate
  BEFORE TRUNCATE ON care_plan_versions
  FOR EACH STATEMENT EXECUTE FUNCTION care_plan_versions_refuse_change();
