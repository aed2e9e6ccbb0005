CREATE TABLE "message_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_attachments_type_check" CHECK ("message_attachments"."content_type" in ('application/pdf','image/jpeg','image/png')),
	CONSTRAINT "message_attachments_size_check" CHECK ("message_attachments"."size_bytes" between 1 and 10485760 and "message_attachments"."size_bytes" = octet_length("message_attachments"."content")),
	CONSTRAINT "message_attachments_name_check" CHECK (char_length("message_attachments"."file_name") between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "family_invitations" DROP CONSTRAINT "family_invitations_scope";--> statement-breakpoint
ALTER TABLE "family_access_grants" ADD COLUMN "can_message" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "appointment_requests" ADD COLUMN "outcome" text;--> statement-breakpoint
ALTER TABLE "family_invitations" ADD COLUMN "can_message" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "message_threads" ADD COLUMN "with_patient" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "message_threads" ADD COLUMN "topic" text;--> statement-breakpoint
ALTER TABLE "message_threads" ADD COLUMN "status" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "message_threads" ADD COLUMN "assigned_to" uuid;--> statement-breakpoint
ALTER TABLE "message_threads" ADD COLUMN "answer_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "message_threads" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "message_threads" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "message_threads" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "message_threads" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "message_threads" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "message_attachments" ADD CONSTRAINT "message_attachments_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_attachments" ADD CONSTRAINT "message_attachments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_attachments_message_idx" ON "message_attachments" USING btree ("message_id");--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_threads_answer_due_idx" ON "message_threads" USING btree ("answer_due_at") WHERE "message_threads"."answer_due_at" is not null;--> statement-breakpoint
-- Requests handled before outcomes were kept were all carried out: the coordinator marked them done.
UPDATE "appointment_requests" SET "outcome" = 'completed' WHERE "handled_at" IS NOT NULL;--> statement-breakpoint
-- A thread the team shared a message in becomes a conversation the patient can answer.
UPDATE "message_threads" SET "with_patient" = true, "topic" = 'other'
  WHERE EXISTS (SELECT 1 FROM "messages" m WHERE m."thread_id" = "message_threads"."id" AND m."shared_with_patient");--> statement-breakpoint
ALTER TABLE "appointment_requests" ADD CONSTRAINT "appointment_requests_outcome" CHECK (("appointment_requests"."handled_at" is null) = ("appointment_requests"."outcome" is null) and ("appointment_requests"."outcome" is null or "appointment_requests"."outcome" in ('completed','declined','cancelled')));--> statement-breakpoint
ALTER TABLE "family_invitations" ADD CONSTRAINT "family_invitations_scope" CHECK ("family_invitations"."can_view_timeline" or "family_invitations"."can_raise_concerns" or "family_invitations"."can_view_requests" or "family_invitations"."can_message");--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_topic_check" CHECK ("message_threads"."topic" is null or "message_threads"."topic" in ('appointment','care-plan','concern','billing','other'));--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_status_check" CHECK ("message_threads"."status" in ('open','closed'));--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_closed" CHECK (("message_threads"."status" = 'closed') = ("message_threads"."closed_at" is not null));--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_conversation" CHECK ("message_threads"."with_patient" or ("message_threads"."topic" is null and "message_threads"."answer_due_at" is null and "message_threads"."assigned_to" is null));--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_language_check" CHECK ("messages"."language" in ('en','es'));--> statement-breakpoint
-- What was said to or by the patient is kept as said: a correction is another message.
CREATE OR REPLACE FUNCTION messages_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are kept as written: % refused', TG_TABLE_NAME, lower(TG_OP)
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER messages_append_only BEFORE UPDATE OR DELETE ON messages
  FOR EACH ROW EXECUTE FUNCTION messages_refuse_change();
--> statement-breakpoint
CREATE TRIGGER message_attachments_append_only BEFORE UPDATE OR DELETE ON message_attachments
  FOR EACH ROW EXECUTE FUNCTION messages_refuse_change();
--> statement-breakpoint
CREATE TRIGGER messages_no_truncate BEFORE TRUNCATE ON messages
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER message_attachments_no_truncate BEFORE TRUNCATE ON message_attachments
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
