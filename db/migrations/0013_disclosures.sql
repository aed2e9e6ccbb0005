CREATE TABLE "disclosure_accountings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"rights_request_id" uuid,
	"produced_on" date NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"free" boolean NOT NULL,
	"produced_by" uuid NOT NULL,
	"produced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosure_accountings_period" CHECK ("disclosure_accountings"."period_from" <= "disclosure_accountings"."period_to")
);
--> statement-breakpoint
CREATE TABLE "disclosures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"disclosed_on" date NOT NULL,
	"recipient" text NOT NULL,
	"recipient_address" text,
	"description" text NOT NULL,
	"purpose" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"voided_at" timestamp with time zone,
	"voided_by" uuid,
	"void_reason" text,
	CONSTRAINT "disclosures_void_complete" CHECK (("disclosures"."voided_at" is null) = ("disclosures"."voided_by" is null) and ("disclosures"."voided_at" is null) = ("disclosures"."void_reason" is null))
);
--> statement-breakpoint
ALTER TABLE "advocacy_interactions" ADD COLUMN "rights_request_id" uuid;--> statement-breakpoint
ALTER TABLE "disclosure_accountings" ADD CONSTRAINT "disclosure_accountings_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_accountings" ADD CONSTRAINT "disclosure_accountings_rights_request_id_rights_requests_id_fk" FOREIGN KEY ("rights_request_id") REFERENCES "public"."rights_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_accountings" ADD CONSTRAINT "disclosure_accountings_produced_by_users_id_fk" FOREIGN KEY ("produced_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosures" ADD CONSTRAINT "disclosures_voided_by_users_id_fk" FOREIGN KEY ("voided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosure_accountings_patient_idx" ON "disclosure_accountings" USING btree ("patient_id","produced_on");--> statement-breakpoint
CREATE INDEX "disclosures_patient_idx" ON "disclosures" USING btree ("patient_id","disclosed_on");--> statement-breakpoint
ALTER TABLE "advocacy_interactions" ADD CONSTRAINT "advocacy_interactions_rights_request_id_rights_requests_id_fk" FOREIGN KEY ("rights_request_id") REFERENCES "public"."rights_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advocacy_interactions" ADD CONSTRAINT "advocacy_interactions_one_subject" CHECK ("advocacy_interactions"."concern_id" is null or "advocacy_interactions"."rights_request_id" is null);--> statement-breakpoint
-- The disclosure log is a legal record: never deleted; an entry is changed only once, to void it.
CREATE OR REPLACE FUNCTION disclosures_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'the disclosure log is kept: delete refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.voided_at IS NOT NULL
     OR (to_jsonb(NEW) - 'voided_at' - 'voided_by' - 'void_reason') IS DISTINCT FROM (to_jsonb(OLD) - 'voided_at' - 'voided_by' - 'void_reason') THEN
    RAISE EXCEPTION 'a disclosure log entry cannot be edited; void it with the reason and record it again' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER disclosures_kept
  BEFORE UPDATE OR DELETE ON disclosures
  FOR EACH ROW EXECUTE FUNCTION disclosures_guard();
--> statement-breakpoint
-- An accounting given to the patient is what it was: append-only.
CREATE OR REPLACE FUNCTION disclosure_accountings_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an accounting of disclosures is kept as given' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER disclosure_accountings_kept
  BEFORE UPDATE OR DELETE ON disclosure_accountings
  FOR EACH ROW EXECUTE FUNCTION disclosure_accountings_guard();
