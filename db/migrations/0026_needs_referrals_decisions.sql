CREATE TABLE "advance_directives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"signed_on" date NOT NULL,
	"original_location" text NOT NULL,
	"file_name" text,
	"size_bytes" integer,
	"content" "bytea",
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	"archived_by" uuid,
	CONSTRAINT "advance_directives_kind_check" CHECK ("advance_directives"."kind" in ('health-care-proxy','living-will','polst','dnr-order','psychiatric-advance-directive','other')),
	CONSTRAINT "advance_directives_file_check" CHECK (("advance_directives"."content" is null and "advance_directives"."file_name" is null and "advance_directives"."size_bytes" is null) or ("advance_directives"."size_bytes" between 1 and 10485760 and "advance_directives"."size_bytes" = octet_length("advance_directives"."content") and char_length("advance_directives"."file_name") between 1 and 200)),
	CONSTRAINT "advance_directives_archived" CHECK (("advance_directives"."archived_at" is null) = ("advance_directives"."archived_by" is null))
);
--> statement-breakpoint
CREATE TABLE "care_agents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"rank" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"relationship" text NOT NULL,
	"phone" text,
	"email" text,
	"address" text,
	"archived_at" timestamp with time zone,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_agents_rank_check" CHECK ("care_agents"."rank" in ('agent','alternate')),
	CONSTRAINT "care_agents_position_check" CHECK (("care_agents"."rank" = 'agent') = ("care_agents"."position" = 0) and "care_agents"."position" >= 0),
	CONSTRAINT "care_agents_contact_check" CHECK ("care_agents"."phone" is not null or "care_agents"."email" is not null),
	CONSTRAINT "care_agents_name_check" CHECK (char_length("care_agents"."name") between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "care_wish_versions" (
	"patient_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "care_wish_versions_patient_id_version_pk" PRIMARY KEY("patient_id","version")
);
--> statement-breakpoint
CREATE TABLE "care_wishes" (
	"patient_id" uuid PRIMARY KEY NOT NULL,
	"code_status" text NOT NULL,
	"in_her_words" text,
	"language" text DEFAULT 'en' NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "care_wishes_code_status_check" CHECK ("care_wishes"."code_status" in ('full-treatment','no-cpr','no-cpr-no-intubation','comfort-only','undecided')),
	CONSTRAINT "care_wishes_language_check" CHECK ("care_wishes"."language" in ('en','es'))
);
--> statement-breakpoint
CREATE TABLE "decision_plan_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"goal_id" uuid,
	"intervention_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "decision_plan_links_one_target" CHECK (("decision_plan_links"."goal_id" is null) <> ("decision_plan_links"."intervention_id" is null))
);
--> statement-breakpoint
CREATE TABLE "decision_versions" (
	"decision_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "decision_versions_decision_id_version_pk" PRIMARY KEY("decision_id","version")
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"care_plan_id" uuid,
	"topic" text NOT NULL,
	"options" text[] NOT NULL,
	"what_matters" text,
	"preferences_version" integer,
	"choice_in_her_words" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"participants" jsonb NOT NULL,
	"decided_on" date NOT NULL,
	"confirmation" text DEFAULT 'pending' NOT NULL,
	"confirmation_at" timestamp with time zone,
	"confirmation_by" uuid,
	"patient_comment" text,
	"voice_not_reflected_at" timestamp with time zone,
	"voice_not_reflected_by" uuid,
	"voice_note" text,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "decisions_confirmation_check" CHECK ("decisions"."confirmation" in ('pending','confirmed','disputed')),
	CONSTRAINT "decisions_language_check" CHECK ("decisions"."language" in ('en','es')),
	CONSTRAINT "decisions_options_check" CHECK (cardinality("decisions"."options") >= 1),
	CONSTRAINT "decisions_participants_array" CHECK (jsonb_typeof("decisions"."participants") = 'array'),
	CONSTRAINT "decisions_confirmed_by_whom" CHECK (("decisions"."confirmation" = 'pending') = ("decisions"."confirmation_at" is null and "decisions"."confirmation_by" is null)),
	CONSTRAINT "decisions_disputed_comment" CHECK ("decisions"."confirmation" <> 'disputed' or "decisions"."patient_comment" is not null),
	CONSTRAINT "decisions_voice_flag" CHECK (("decisions"."voice_not_reflected_at" is null) = ("decisions"."voice_not_reflected_by" is null) and ("decisions"."voice_not_reflected_at" is null or "decisions"."voice_note" is not null)),
	CONSTRAINT "decisions_resolution" CHECK (("decisions"."resolved_at" is null) = ("decisions"."resolved_by" is null and "decisions"."resolution" is null)),
	CONSTRAINT "decisions_resolved_only_when_flagged" CHECK ("decisions"."resolved_at" is null or "decisions"."patient_comment" is not null or "decisions"."voice_not_reflected_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "referral_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_transitions_allowed" CHECK (("referral_transitions"."from_status" is null and "referral_transitions"."to_status" = 'sent') or ("referral_transitions"."from_status" || '>' || "referral_transitions"."to_status") in ('sent>accepted','sent>declined','sent>no-answer','accepted>completed','accepted>declined','accepted>no-answer'))
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"note" text,
	"sent_by" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accept_due_on" date NOT NULL,
	"accepted_at" timestamp with time zone,
	"complete_due_on" date,
	"ended_at" timestamp with time zone,
	"outcome" text,
	"patient_feedback" text,
	"patient_feedback_at" timestamp with time zone,
	"patient_feedback_by" uuid,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "referrals_status_check" CHECK ("referrals"."status" in ('sent','accepted','completed','declined','no-answer')),
	CONSTRAINT "referrals_accepted" CHECK ("referrals"."status" in ('sent','declined','no-answer') or ("referrals"."accepted_at" is not null and "referrals"."complete_due_on" is not null)),
	CONSTRAINT "referrals_ended_with_outcome" CHECK (("referrals"."status" in ('completed','declined','no-answer')) = ("referrals"."ended_at" is not null and "referrals"."outcome" is not null)),
	CONSTRAINT "referrals_feedback" CHECK (("referrals"."patient_feedback" is null) = ("referrals"."patient_feedback_at" is null) and ("referrals"."patient_feedback" is null or "referrals"."patient_feedback" in ('got-help','did-not-work')))
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"domains" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"phone" text,
	"email" text,
	"website" text,
	"address" text,
	"hours" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "services_kind_check" CHECK ("services"."kind" in ('community','clinical')),
	CONSTRAINT "services_name_check" CHECK (char_length("services"."name") between 1 and 200),
	CONSTRAINT "services_domains_check" CHECK (cardinality("services"."domains") > 0 and "services"."domains" <@ array['housing-instability','housing-quality','food','transportation','utilities','safety','financial-strain','employment','family-community-support','education','physical-activity','substance-use','mental-health','disabilities']::text[]),
	CONSTRAINT "services_languages_check" CHECK (cardinality("services"."languages") > 0 and array_to_string("services"."languages", ',') ~ '^[a-z]{2,3}(,[a-z]{2,3})*$'),
	CONSTRAINT "services_contact_check" CHECK ("services"."phone" is not null or "services"."email" is not null or "services"."website" is not null)
);
--> statement-breakpoint
CREATE TABLE "need_transitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"actor_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_transitions_allowed" CHECK (("need_transitions"."from_status" is null and "need_transitions"."to_status" = 'open') or ("need_transitions"."from_status" || '>' || "need_transitions"."to_status") in ('open>referred','referred>open','referred>met','open>met','met>open','open>declined','declined>open'))
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response_id" uuid,
	"identified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"identified_by" uuid NOT NULL,
	"note" text,
	"met_at" timestamp with time zone,
	"met_reason" text,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "needs_id_patient_key" UNIQUE("id","patient_id"),
	CONSTRAINT "needs_domain_check" CHECK ("needs"."domain" in ('housing-instability','housing-quality','food','transportation','utilities','safety','financial-strain','employment','family-community-support','education','physical-activity','substance-use','mental-health','disabilities')),
	CONSTRAINT "needs_status_check" CHECK ("needs"."status" in ('open','referred','met','declined')),
	CONSTRAINT "needs_met_reason" CHECK (("needs"."status" = 'met') = ("needs"."met_at" is not null and "needs"."met_reason" is not null) and ("needs"."met_reason" is null or "needs"."met_reason" in ('referral-completed','patient-said')))
);
--> statement-breakpoint
CREATE TABLE "questionnaire_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"status" text DEFAULT 'in-progress' NOT NULL,
	"source" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"started_by" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_by" uuid,
	"completed_at" timestamp with time zone,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "questionnaire_responses_status_check" CHECK ("questionnaire_responses"."status" in ('in-progress','completed')),
	CONSTRAINT "questionnaire_responses_source_check" CHECK ("questionnaire_responses"."source" in ('patient','staff')),
	CONSTRAINT "questionnaire_responses_language_check" CHECK ("questionnaire_responses"."language" in ('en','es')),
	CONSTRAINT "questionnaire_responses_answers_object" CHECK (jsonb_typeof("questionnaire_responses"."answers") = 'object'),
	CONSTRAINT "questionnaire_responses_completed" CHECK (("questionnaire_responses"."status" = 'completed') = ("questionnaire_responses"."completed_at" is not null and "questionnaire_responses"."completed_by" is not null))
);
--> statement-breakpoint
CREATE TABLE "questionnaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"resource" jsonb NOT NULL,
	"scoring" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "questionnaires_url_version_key" UNIQUE("url","version"),
	CONSTRAINT "questionnaires_status_check" CHECK ("questionnaires"."status" in ('active','retired')),
	CONSTRAINT "questionnaires_resource_type" CHECK ("questionnaires"."resource"->>'resourceType' = 'Questionnaire')
);
--> statement-breakpoint
CREATE TABLE "screening_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"response_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"positive" boolean NOT NULL,
	"score" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "screening_results_response_domain_key" UNIQUE("response_id","domain"),
	CONSTRAINT "screening_results_domain_check" CHECK ("screening_results"."domain" in ('housing-instability','housing-quality','food','transportation','utilities','safety','financial-strain','employment','family-community-support','education','physical-activity','substance-use','mental-health','disabilities'))
);
--> statement-breakpoint
ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_email_off_kinds_check";--> statement-breakpoint
ALTER TABLE "notification_settings" DROP CONSTRAINT "notification_settings_sms_off_kinds_check";--> statement-breakpoint
ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check";--> statement-breakpoint
ALTER TABLE "advance_directives" ADD CONSTRAINT "advance_directives_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advance_directives" ADD CONSTRAINT "advance_directives_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "advance_directives" ADD CONSTRAINT "advance_directives_archived_by_users_id_fk" FOREIGN KEY ("archived_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_agents" ADD CONSTRAINT "care_agents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_agents" ADD CONSTRAINT "care_agents_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_wish_versions" ADD CONSTRAINT "care_wish_versions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_wish_versions" ADD CONSTRAINT "care_wish_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_wishes" ADD CONSTRAINT "care_wishes_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_wishes" ADD CONSTRAINT "care_wishes_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_plan_links" ADD CONSTRAINT "decision_plan_links_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_plan_links" ADD CONSTRAINT "decision_plan_links_goal_id_care_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."care_plan_goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_plan_links" ADD CONSTRAINT "decision_plan_links_intervention_id_care_plan_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."care_plan_interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_plan_links" ADD CONSTRAINT "decision_plan_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_versions" ADD CONSTRAINT "decision_versions_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_versions" ADD CONSTRAINT "decision_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_care_plan_id_care_plans_id_fk" FOREIGN KEY ("care_plan_id") REFERENCES "public"."care_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_confirmation_by_users_id_fk" FOREIGN KEY ("confirmation_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_voice_not_reflected_by_users_id_fk" FOREIGN KEY ("voice_not_reflected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_transitions" ADD CONSTRAINT "referral_transitions_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_transitions" ADD CONSTRAINT "referral_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_patient_feedback_by_users_id_fk" FOREIGN KEY ("patient_feedback_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_need_same_patient_fk" FOREIGN KEY ("need_id","patient_id") REFERENCES "public"."needs"("id","patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_transitions" ADD CONSTRAINT "need_transitions_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_transitions" ADD CONSTRAINT "need_transitions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_response_id_questionnaire_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."questionnaire_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_identified_by_users_id_fk" FOREIGN KEY ("identified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_results" ADD CONSTRAINT "screening_results_response_id_questionnaire_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."questionnaire_responses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_results" ADD CONSTRAINT "screening_results_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "advance_directives_patient_idx" ON "advance_directives" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "care_agents_patient_idx" ON "care_agents" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "care_agents_one_agent_key" ON "care_agents" USING btree ("patient_id") WHERE "care_agents"."rank" = 'agent' and "care_agents"."archived_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "care_agents_alternate_order_key" ON "care_agents" USING btree ("patient_id","position") WHERE "care_agents"."rank" = 'alternate' and "care_agents"."archived_at" is null;--> statement-breakpoint
CREATE INDEX "decision_plan_links_decision_idx" ON "decision_plan_links" USING btree ("decision_id");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_plan_links_goal_key" ON "decision_plan_links" USING btree ("decision_id","goal_id") WHERE "decision_plan_links"."goal_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "decision_plan_links_intervention_key" ON "decision_plan_links" USING btree ("decision_id","intervention_id") WHERE "decision_plan_links"."intervention_id" is not null;--> statement-breakpoint
CREATE INDEX "decisions_patient_idx" ON "decisions" USING btree ("patient_id","decided_on");--> statement-breakpoint
CREATE INDEX "decisions_flagged_idx" ON "decisions" USING btree ("patient_id") WHERE "decisions"."resolved_at" is null and ("decisions"."confirmation" = 'disputed' or "decisions"."voice_not_reflected_at" is not null);--> statement-breakpoint
CREATE INDEX "referral_transitions_referral_idx" ON "referral_transitions" USING btree ("referral_id","at");--> statement-breakpoint
CREATE INDEX "referrals_patient_idx" ON "referrals" USING btree ("patient_id","sent_at");--> statement-breakpoint
CREATE INDEX "referrals_need_idx" ON "referrals" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "referrals_open_due_idx" ON "referrals" USING btree ("accept_due_on") WHERE "referrals"."status" in ('sent','accepted');--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_one_open_per_service_key" ON "referrals" USING btree ("need_id","service_id") WHERE "referrals"."status" in ('sent','accepted');--> statement-breakpoint
CREATE UNIQUE INDEX "services_name_key" ON "services" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "need_transitions_need_idx" ON "need_transitions" USING btree ("need_id","at");--> statement-breakpoint
CREATE INDEX "needs_patient_idx" ON "needs" USING btree ("patient_id","identified_at");--> statement-breakpoint
CREATE UNIQUE INDEX "needs_one_unmet_per_domain_key" ON "needs" USING btree ("patient_id","domain") WHERE "needs"."status" in ('open','referred');--> statement-breakpoint
CREATE INDEX "questionnaire_responses_patient_idx" ON "questionnaire_responses" USING btree ("patient_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_responses_one_open_key" ON "questionnaire_responses" USING btree ("patient_id","questionnaire_id") WHERE "questionnaire_responses"."status" = 'in-progress';--> statement-breakpoint
CREATE INDEX "screening_results_patient_idx" ON "screening_results" USING btree ("patient_id");--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_email_off_kinds_check" CHECK ("notification_settings"."email_off_kinds" <@ array['message','update','appointment-booked','appointment-moved','appointment-cancelled','request-handled','concern-response','rights-decision','appointment-reminder','conversation-waiting','daily-digest','overdue-alert','safety-screen','decision-disputed']::text[]);--> statement-breakpoint
ALTER TABLE "notification_settings" ADD CONSTRAINT "notification_settings_sms_off_kinds_check" CHECK ("notification_settings"."sms_off_kinds" <@ array['message','update','appointment-booked','appointment-moved','appointment-cancelled','request-handled','concern-response','rights-decision','appointment-reminder','conversation-waiting','daily-digest','overdue-alert','safety-screen','decision-disputed']::text[]);--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" in ('message','update','appointment-booked','appointment-moved','appointment-cancelled','request-handled','concern-response','rights-decision','appointment-reminder','conversation-waiting','daily-digest','overdue-alert','safety-screen','decision-disputed'));--> statement-breakpoint
ALTER TABLE "questionnaire_responses" ADD CONSTRAINT "questionnaire_responses_id_patient_key" UNIQUE("id","patient_id");--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_response_same_patient_fk" FOREIGN KEY ("response_id","patient_id") REFERENCES "public"."questionnaire_responses"("id","patient_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening_results" ADD CONSTRAINT "screening_results_same_patient_fk" FOREIGN KEY ("response_id","patient_id") REFERENCES "public"."questionnaire_responses"("id","patient_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "care_plans" ADD CONSTRAINT "care_plans_id_patient_key" UNIQUE("id","patient_id");--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_plan_same_patient_fk" FOREIGN KEY ("care_plan_id","patient_id") REFERENCES "public"."care_plans"("id","patient_id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- Guards for issue 18's records, in the database as the concern workflow's are (migration 0008).
-- Append-only history and results: neither changed nor deleted.
CREATE OR REPLACE FUNCTION kept_rows_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, lower(TG_OP) USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
-- Records that are archived or end, never deleted (PHI is archived, not deleted).
CREATE OR REPLACE FUNCTION kept_rows_refuse_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are kept: delete refused', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER need_transitions_append_only BEFORE UPDATE OR DELETE ON need_transitions
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_change();
--> statement-breakpoint
CREATE TRIGGER referral_transitions_append_only BEFORE UPDATE OR DELETE ON referral_transitions
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_change();
--> statement-breakpoint
CREATE TRIGGER screening_results_append_only BEFORE UPDATE OR DELETE ON screening_results
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_change();
--> statement-breakpoint
CREATE TRIGGER decision_versions_append_only BEFORE UPDATE OR DELETE ON decision_versions
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_change();
--> statement-breakpoint
CREATE TRIGGER care_wish_versions_append_only BEFORE UPDATE OR DELETE ON care_wish_versions
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_change();
--> statement-breakpoint
CREATE TRIGGER decision_plan_links_append_only BEFORE UPDATE OR DELETE ON decision_plan_links
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_change();
--> statement-breakpoint
CREATE TRIGGER services_kept BEFORE DELETE ON services
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER care_agents_kept BEFORE DELETE ON care_agents
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER care_wishes_kept BEFORE DELETE ON care_wishes
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER decisions_kept BEFORE DELETE ON decisions
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_delete();
--> statement-breakpoint
CREATE TRIGGER questionnaires_kept BEFORE DELETE ON questionnaires
  FOR EACH ROW EXECUTE FUNCTION kept_rows_refuse_delete();
--> statement-breakpoint
-- An instrument's text and scoring never change once written: a new version is a new row.
CREATE OR REPLACE FUNCTION questionnaires_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.resource IS DISTINCT FROM OLD.resource OR NEW.scoring IS DISTINCT FROM OLD.scoring
     OR NEW.url <> OLD.url OR NEW.version <> OLD.version THEN
    RAISE EXCEPTION 'a questionnaire version never changes: add a new version' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER questionnaires_immutable BEFORE UPDATE ON questionnaires
  FOR EACH ROW EXECUTE FUNCTION questionnaires_guard();
--> statement-breakpoint
-- A screening is answered while in progress; completed, it never changes; none is deleted.
CREATE OR REPLACE FUNCTION questionnaire_responses_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'screenings are kept: delete refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.status = 'completed' THEN
    RAISE EXCEPTION 'a completed screening cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.patient_id <> OLD.patient_id OR NEW.questionnaire_id <> OLD.questionnaire_id THEN
    RAISE EXCEPTION 'a screening stays with its patient and instrument' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER questionnaire_responses_workflow BEFORE UPDATE OR DELETE ON questionnaire_responses
  FOR EACH ROW EXECUTE FUNCTION questionnaire_responses_guard();
--> statement-breakpoint
-- A need moves only along NEED_TRANSITIONS (db/schema/screening.ts), and is met through a
-- completed referral of its own or the patient's word; never deleted, never moved to another patient.
CREATE OR REPLACE FUNCTION needs_guard_workflow() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'needs are kept: delete refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.patient_id <> OLD.patient_id OR NEW.domain <> OLD.domain THEN
    RAISE EXCEPTION 'a need stays with its patient and domain' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND (OLD.status || '>' || NEW.status) NOT IN (
    'open>referred', 'referred>open', 'referred>met', 'open>met', 'met>open', 'open>declined', 'declined>open'
  ) THEN
    RAISE EXCEPTION 'a need cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status = 'met' AND OLD.status <> 'met' AND NEW.met_reason = 'referral-completed' AND NOT EXISTS (
    SELECT 1 FROM referrals r WHERE r.need_id = NEW.id AND r.status = 'completed'
  ) THEN
    RAISE EXCEPTION 'a need is met by a completed referral or the patient''s word' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER needs_workflow BEFORE UPDATE OR DELETE ON needs
  FOR EACH ROW EXECUTE FUNCTION needs_guard_workflow();
--> statement-breakpoint
-- A new need starts open.
CREATE OR REPLACE FUNCTION needs_start_open() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'open' THEN
    RAISE EXCEPTION 'a need starts open' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER needs_insert_open BEFORE INSERT ON needs
  FOR EACH ROW EXECUTE FUNCTION needs_start_open();
--> statement-breakpoint
-- A referral moves only along REFERRAL_TRANSITIONS (db/schema/referrals.ts), starts as sent, and
-- once ended changes only by the patient's word on it; never deleted.
CREATE OR REPLACE FUNCTION referrals_guard_workflow() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'referrals are kept: delete refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.status <> 'sent' THEN
      RAISE EXCEPTION 'a referral starts as sent' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END IF;
  IF NEW.patient_id <> OLD.patient_id OR NEW.need_id <> OLD.need_id OR NEW.service_id <> OLD.service_id THEN
    RAISE EXCEPTION 'a referral stays with its need and service' USING ERRCODE = 'check_violation';
  END IF;
  IF OLD.status IN ('completed', 'declined', 'no-answer') AND (
    NEW.status <> OLD.status OR NEW.outcome IS DISTINCT FROM OLD.outcome OR NEW.ended_at IS DISTINCT FROM OLD.ended_at
  ) THEN
    RAISE EXCEPTION 'an ended referral cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.status <> OLD.status AND (OLD.status || '>' || NEW.status) NOT IN (
    'sent>accepted', 'sent>declined', 'sent>no-answer', 'accepted>completed', 'accepted>declined', 'accepted>no-answer'
  ) THEN
    RAISE EXCEPTION 'a referral cannot go from % to %', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER referrals_workflow BEFORE INSERT OR UPDATE OR DELETE ON referrals
  FOR EACH ROW EXECUTE FUNCTION referrals_guard_workflow();
--> statement-breakpoint
-- An advance directive's document never changes; a new one is recorded and the old archived.
CREATE OR REPLACE FUNCTION advance_directives_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'advance directives are kept: delete refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.archived_at IS NOT NULL THEN
    RAISE EXCEPTION 'an archived directive cannot change' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.patient_id <> OLD.patient_id OR NEW.kind <> OLD.kind OR NEW.signed_on <> OLD.signed_on
     OR NEW.content IS DISTINCT FROM OLD.content OR NEW.file_name IS DISTINCT FROM OLD.file_name THEN
    RAISE EXCEPTION 'a directive is archived and recorded again, not edited' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER advance_directives_kept BEFORE UPDATE OR DELETE ON advance_directives
  FOR EACH ROW EXECUTE FUNCTION advance_directives_guard();
--> statement-breakpoint
CREATE TRIGGER needs_no_truncate BEFORE TRUNCATE ON needs
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER referrals_no_truncate BEFORE TRUNCATE ON referrals
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER questionnaire_responses_no_truncate BEFORE TRUNCATE ON questionnaire_responses
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER advance_directives_no_truncate BEFORE TRUNCATE ON advance_directives
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
