CREATE TABLE "appointment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appointment_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"preferred_times" text,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_by" uuid,
	"handled_at" timestamp with time zone,
	"handled_note" text,
	CONSTRAINT "appointment_requests_kind_check" CHECK ("appointment_requests"."kind" in ('reschedule','cancel')),
	CONSTRAINT "appointment_requests_handled" CHECK (("appointment_requests"."handled_at" is null) = ("appointment_requests"."handled_by" is null) and ("appointment_requests"."handled_at" is null) = ("appointment_requests"."handled_note" is null))
);
--> statement-breakpoint
ALTER TABLE "appointment_requests" ADD CONSTRAINT "appointment_requests_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_requests" ADD CONSTRAINT "appointment_requests_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_requests" ADD CONSTRAINT "appointment_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_requests" ADD CONSTRAINT "appointment_requests_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_requests_open_idx" ON "appointment_requests" USING btree ("patient_id","requested_at") WHERE "appointment_requests"."handled_at" is null;--> statement-breakpoint
CREATE INDEX "appointment_requests_appointment_idx" ON "appointment_requests" USING btree ("appointment_id");