CREATE TABLE "advocacy_interactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"advocate_id" uuid NOT NULL,
	"counterpart_type" text NOT NULL,
	"organisation" text NOT NULL,
	"contact" text,
	"occurred_on" date NOT NULL,
	"channel" text NOT NULL,
	"asked" text NOT NULL,
	"outcome" text,
	"follow_up_on" date,
	"follow_up_done_at" timestamp with time zone,
	"concern_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "advocacy_interactions_counterpart_check" CHECK ("advocacy_interactions"."counterpart_type" in ('provider','insurer','employer','regulator','other')),
	CONSTRAINT "advocacy_interactions_channel_check" CHECK ("advocacy_interactions"."channel" in ('phone','email','letter','meeting','video','portal')),
	CONSTRAINT "advocacy_interactions_done_needs_follow_up" CHECK ("advocacy_interactions"."follow_up_done_at" is null or "advocacy_interactions"."follow_up_on" is not null)
);
--> statement-breakpoint
ALTER TABLE "advocacy_interactions" ADD CONSTRAINT "advocacy_interactions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_interactions" ADD CONSTRAINT "advocacy_interactions_advocate_id_users_id_fk" FOREIGN KEY ("advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_interactions" ADD CONSTRAINT "advocacy_interactions_concern_id_concerns_id_fk" FOREIGN KEY ("concern_id") REFERENCES "public"."concerns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advocacy_interactions_patient_idx" ON "advocacy_interactions" USING btree ("patient_id","occurred_on");--> statement-breakpoint
CREATE INDEX "advocacy_interactions_follow_up_idx" ON "advocacy_interactions" USING btree ("follow_up_on") WHERE "advocacy_interactions"."follow_up_on" is not null and "advocacy_interactions"."follow_up_done_at" is null;--> statement-breakpoint
-- The log records what happened: entries are never deleted, and once written only the follow-up
-- can be marked done.
CREATE OR REPLACE FUNCTION advocacy_interactions_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'the representation log is kept: delete refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (to_jsonb(NEW) - 'follow_up_done_at' - 'version') IS DISTINCT FROM (to_jsonb(OLD) - 'follow_up_done_at' - 'version') THEN
    RAISE EXCEPTION 'a representation log entry cannot be edited; add a new entry' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER advocacy_interactions_kept
  BEFORE UPDATE OR DELETE ON advocacy_interactions
  FOR EACH ROW EXECUTE FUNCTION advocacy_interactions_guard();
