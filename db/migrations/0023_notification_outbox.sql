CREATE TABLE "notification_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"email" boolean DEFAULT true NOT NULL,
	"sms_phone" text,
	"sms_opt_in_at" timestamp with time zone,
	"sms_opt_in_by" uuid,
	"sms_opt_in_wording" text,
	"sms_stopped_at" timestamp with time zone,
	"quiet_from" time DEFAULT '21:00' NOT NULL,
	"quiet_until" time DEFAULT '08:00' NOT NULL,
	"include_details" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "notification_settings_language_check" CHECK ("notification_settings"."language" in ('en','es')),
	CONSTRAINT "notification_settings_opt_in_recorded" CHECK (("notification_settings"."sms_opt_in_at" is null) = ("notification_settings"."sms_opt_in_wording" is null) and ("notification_settings"."sms_opt_in_at" is null or "notification_settings"."sms_phone" is not null))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_key" text NOT NULL,
	"kind" text NOT NULL,
	"channel" text NOT NULL,
	"recipient_user_id" uuid NOT NULL,
	"patient_id" uuid,
	"appointment_id" uuid,
	"language" text DEFAULT 'en' NOT NULL,
	"link" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"not_before" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_to" text,
	"delivered_via" text,
	"provider_id" text,
	"provider_status" text,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('message','update','appointment-booked','appointment-moved','appointment-cancelled','request-handled','concern-response','rights-decision','appointment-reminder','conversation-waiting','daily-digest','overdue-alert')),
	CONSTRAINT "notifications_channel_check" CHECK ("notifications"."channel" in ('portal','email','sms')),
	CONSTRAINT "notifications_status_check" CHECK ("notifications"."status" in ('pending','sent','failed','withdrawn','skipped')),
	CONSTRAINT "notifications_language_check" CHECK ("notifications"."language" in ('en','es')),
	CONSTRAINT "notifications_link_is_a_path" CHECK ("notifications"."link" ~ '^/[^/\\]'),
	CONSTRAINT "notifications_sent" CHECK (("notifications"."status" = 'sent') = ("notifications"."sent_at" is not null)),
	CONSTRAINT "notifications_delivered_via_check" CHECK ("notifications"."delivered_via" in ('smtp','sms-api','demo')),
	CONSTRAINT "notifications_read_in_portal" CHECK ("notifications"."read_at" is null or "notifications"."channel" = 'portal')
);
--> statement-breakpoint
ALTER TABLE "rights_requests" ADD COLUMN "alternate_email" text;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD COLUMN "alternate_phone" text;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_sms_opt_in_by_users_id_fk" FOREIGN KEY ("sms_opt_in_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_once_key" ON "notifications" USING btree ("event_key","recipient_user_id","channel");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("recipient_user_id","created_at") WHERE "notifications"."channel" = 'portal' and "notifications"."read_at" is null;--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_provider_id_key" ON "notifications" USING btree ("provider_id") WHERE "notifications"."provider_id" is not null;--> statement-breakpoint
CREATE INDEX "notifications_appointment_idx" ON "notifications" USING btree ("appointment_id") WHERE "notifications"."appointment_id" is not null;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_alternate_contact_only_confidential" CHECK ("rights_requests"."type" = 'confidential-communication' or ("rights_requests"."alternate_email" is null and "rights_requests"."alternate_phone" is null));