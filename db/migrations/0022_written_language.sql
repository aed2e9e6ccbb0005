ALTER TABLE "appointments" ADD COLUMN "patient_notes_language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "patient_notes_english" text;--> statement-breakpoint
ALTER TABLE "care_plan_goals" ADD COLUMN "plain_words" text;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD COLUMN "plain_words" text;--> statement-breakpoint
ALTER TABLE "care_plans" ADD COLUMN "plain_words_language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "concerns" ADD COLUMN "response_language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "concerns" ADD COLUMN "response_steps_english" text;--> statement-breakpoint
ALTER TABLE "concerns" ADD COLUMN "response_results_english" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "body_english" text;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD COLUMN "letter_language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD COLUMN "extension_reason_english" text;--> statement-breakpoint
ALTER TABLE "rights_requests" ADD COLUMN "decision_reason_english" text;--> statement-breakpoint
ALTER TABLE "patient_updates" ADD COLUMN "title_english" text;--> statement-breakpoint
ALTER TABLE "patient_updates" ADD COLUMN "progress_english" text;--> statement-breakpoint
ALTER TABLE "patient_updates" ADD COLUMN "next_steps_english" text;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_patient_notes_language_check" CHECK ("appointments"."patient_notes_language" in ('en','es'));--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_english_beside_spanish" CHECK ("appointments"."patient_notes_language" = 'es' or ("appointments"."patient_notes_english" is null));--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_plain_words_language_check" CHECK ("care_plans"."plain_words_language" in ('en','es'));--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_response_language_check" CHECK ("concerns"."response_language" in ('en','es'));--> statement-breakpoint
ALTER TABLE "concerns" ADD CONSTRAINT "concerns_english_beside_spanish" CHECK ("concerns"."response_language" = 'es' or ("concerns"."response_steps_english" is null and "concerns"."response_results_english" is null));--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_english_beside_spanish" CHECK ("messages"."language" = 'es' or ("messages"."body_english" is null));--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_letter_language_check" CHECK ("rights_requests"."letter_language" in ('en','es'));--> statement-breakpoint
ALTER TABLE "rights_requests" ADD CONSTRAINT "rights_requests_english_beside_spanish" CHECK ("rights_requests"."letter_language" = 'es' or ("rights_requests"."extension_reason_english" is null and "rights_requests"."decision_reason_english" is null));--> statement-breakpoint
ALTER TABLE "patient_updates" ADD CONSTRAINT "patient_updates_english_beside_spanish" CHECK ("patient_updates"."language" = 'es' or ("patient_updates"."title_english" is null and "patient_updates"."progress_english" is null and "patient_updates"."next_steps_english" is null));