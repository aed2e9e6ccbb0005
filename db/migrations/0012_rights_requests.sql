CREATE TABLE "rights_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"type" text NOT NULL,
	"received_on" date NOT NULL,
	"details" text NOT NULL,
	"requested_form" text,
	"health_plan_self_pay" boolean DEFAULT false NOT NULL,
	"due_on" date NOT NULL,
	"extended_due_on" date,
	"extension_reason" text,
	"extension_notified_on" date,
	"decision" text,
	"decision_reason_code" text,
	"decision_reason" text,
	"decided_on" date,
	"disagreement_right_stated" boolean DEFAULT false NOT NULL,
	"response_sent_on" date,
	"disagreement_statement" text,
	"disagreement_received_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rights_requests_type_check" CHECK ("rights_requests"."type" in ('access','amendment','accounting','restriction','confidential-communication')),
	CONSTRAINT "rights_requests_decision_check" CHECK ("rights_requests"."decision" is null or "rights_requests"."decision" in ('granted','partly-granted','denied')),
	CONSTRAINT "rights_requests_extension_complete" CHECK (("rights_requests"."extended_due_on" is null) = ("rights_requests"."extension_reason" is null) and ("rights_requests"."extended_due_on" is null) = ("rights_requests"."extension_notified_on" is null)),
	CONSTRAINT "rights_requests_extension_types" CHECK ("rights_requests"."extended_due_on" is null or "rights_requests"."type" in ('access','amendment','accounting')),
	CONSTRAINT "rights_requests_extension_notice_in_time" CHECK ("rights_requests"."extension_notified_on" is null or "rights_requests"."extension_notified_on" <= "rights_requests"."due_on"),
	CONSTRAINT "rights_requests_decision_complete" CHECK (("rights_requests"."decision" is null) = ("rights_requests"."decided_on" is null) and ("rights_requests"."decision" is null or "rights_requests"."decision" = 'granted' or "rights_requests"."decision_reason" is not null)),
	CONSTRAINT "rights_requests_self_pay_restriction_granted" CHECK (not ("rights_requests"."type" = 'restriction' and "rights_requests"."health_plan_self_pay" and "rights_requests"."decision" in ('denied','partly-granted'))),
	CONSTRAINT "rights_requests_disagreement_only_denied_amendment" CHECK ("rights_requests"."disagreement_statement" is null or ("rights_requests"."type" = 'amendment' and "rights_requests"."decision" in ('denied','partly-granted'))),
	CONSTRAINT "rights_requests_denied_amendment_states_right" CHECK (not ("rights_requests"."type" = 'amendment' and "rights_requests"."decision" in ('denied','partly-granted') and not "rights_requests"."disagreement_right_stated")),
	CONSTRAINT "rights_requests_response_after_decision" CHECK ("rights_requests"."response_sent_on" is null or "rights_requests"."decision" is not null)
);
--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rights_requests_patient_idx" ON "rights_requests" USING btree ("patient_id","received_on");--> statement-breakpoint
CREATE INDEX "rights_requests_open_due_idx" ON "rights_requests" USING btree (coalesce("extended_due_on", "due_on")) WHERE "rights_requests"."response_sent_on" is null;--> statement-breakpoint
-- One extension, never moved once given; a decision stands once the response is sent; nothing deleted.
CREATE OR REPLACE FUNCTION rights_requests_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'rights requests are kept: delete refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.extended_due_on IS NOT NULL AND NEW.extended_due_on IS DISTINCT FROM OLD.extended_due_on THEN
    RAISE EXCEPTION 'a rights request has one extension only' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.due_on IS DISTINCT FROM OLD.due_on OR NEW.received_on IS DISTINCT FROM OLD.received_on OR NEW.type IS DISTINCT FROM OLD.type THEN
    RAISE EXCEPTION 'the clock of a rights request cannot be changed' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.response_sent_on IS NOT NULL AND (NEW.decision IS DISTINCT FROM OLD.decision
      OR NEW.decision_reason IS DISTINCT FROM OLD.decision_reason
      OR NEW.response_sent_on IS DISTINCT FROM OLD.response_sent_on) THEN
    RAISE EXCEPTION 'the decision was sent to the patient and cannot change' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER rights_requests_kept
  BEFORE UPDATE OR DELETE ON rights_requests
  FOR EACH ROW EXECUTE FUNCTION rights_requests_guard();
