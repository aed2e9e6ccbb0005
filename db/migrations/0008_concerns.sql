CREATE TABLE "concern_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"concern_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concern_transitions_allowed" CHECK (("concern_transitions"."from_status" is null and "concern_transitions"."to_status" = 'open') or ("concern_transitions"."from_status" || '>' || "concern_transitions"."to_status") in ('open>acknowledged','acknowledged>in-review','acknowledged>resolved','in-review>escalated','in-review>resolved','escalated>in-review','escalated>resolved','resolved>closed'))
);
--> statement-breakpoint
CREATE TABLE "concerns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"raised_by" text NOT NULL,
	"raised_by_name" text,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"what_happened" text NOT NULL,
	"desired_outcome" text NOT NULL,
	"event_date" date,
	"about_discharge" boolean DEFAULT false NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"assigned_advocate_id" uuid,
	"confidential" boolean DEFAULT false NOT NULL,
	"acknowledge_due_at" timestamp with time zone NOT NULL,
	"resolve_due_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"qio_referred_on" date,
	"response_contact" text,
	"response_steps" text,
	"response_results" text,
	"response_completed_on" date,
	"interim_notice_sent_at" timestamp with time zone,
	"interim_expected_by" date,
	"interim_message" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "concerns_status_check" CHECK ("concerns"."status" in ('open','acknowledged','in-review','escalated','resolved','closed')),
	CONSTRAINT "concerns_category_check" CHECK ("concerns"."category" in ('quality-of-care','communication','access-and-delays','billing-and-insurance','privacy','safety','respect-and-discrimination','other')),
	CONSTRAINT "concerns_severity_check" CHECK ("concerns"."severity" in ('low','medium','high','urgent')),
	CONSTRAINT "concerns_raised_by_check" CHECK ("concerns"."raised_by" in ('patient','family','advocate','staff')),
	CONSTRAINT "concerns_resolved_has_response" CHECK ("concerns"."status" not in ('resolved','closed') or ("concerns"."response_contact" is not null and "concerns"."response_steps" is not null and "concerns"."response_results" is not null and "concerns"."response_completed_on" is not null and "concerns"."resolved_at" is not null)),
	CONSTRAINT "concerns_qio_only_quality_or_discharge" CHECK ("concerns"."qio_referred_on" is null or "concerns"."category" = 'quality-of-care' or "concerns"."about_discharge"),
	CONSTRAINT "concerns_interim_complete" CHECK (("concerns"."interim_notice_sent_at" is null) = ("concerns"."interim_expected_by" is null))
);
--> statement-breakpoint
ALTER TABLE "concern_transitions" ADD CONSTRAINT "concern_transitions_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_transitions" ADD CONSTRAINT "concern_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_assigned_advocate_id_users_id_fk" FOREIGN KEY ("assigned_advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concern_transitions_concern_idx" ON "concern_transitions" USING btree ("concern_id","at");--> statement-breakpoint
CREATE INDEX "concerns_patient_idx" ON "concerns" USING btree ("patient_id","received_at");--> statement-breakpoint
CREATE INDEX "concerns_open_due_idx" ON "concerns" USING btree ("resolve_due_at") WHERE "concerns"."status" not in ('resolved','closed');--> statement-breakpoint
CREATE INDEX "concerns_advocate_idx" ON "concerns" USING btree ("assigned_advocate_id");--> statement-breakpoint
-- The workflow, again in the database: a concern moves only along CONCERN_TRANSITIONS
-- (db/schema/concerns.ts), a closed one never changes, and none is ever deleted.
CREATE OR REPLACE FUNCTION concerns_guard_workflow() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'concerns are kept: delete refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'closed' THEN
    RAISE EXCEPTION 'a closed concern cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND (OLD.status || '>' || NEW.status) NOT IN (
    'open>acknowledged', 'acknowledged>in-review', 'acknowledged>resolved', 'in-review>escalated',
    'in-review>resolved', 'escalated>in-review', 'escalated>resolved', 'resolved>closed'
  ) THEN
    RAISE EXCEPTION 'a concern cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER concerns_workflow
  BEFORE UPDATE OR DELETE ON concerns
  FOR EACH ROW EXECUTE FUNCTION concerns_guard_workflow();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION concern_transitions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'concern transitions are append-only: % refused', lower(TG_OP) USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER concern_transitions_append_only
  BEFORE UPDATE OR DELETE ON concern_transitions
  FOR EACH ROW EXECUTE FUNCTION concern_transitions_refuse_change();
