CREATE TABLE "family_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"email" text NOT NULL,
	"relationship" text NOT NULL,
	"can_view_timeline" boolean NOT NULL,
	"can_raise_concerns" boolean NOT NULL,
	"locale" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"grant_id" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "family_invitations_locale_check" CHECK ("family_invitations"."locale" in ('en','es')),
	CONSTRAINT "family_invitations_scope" CHECK ("family_invitations"."can_view_timeline" or "family_invitations"."can_raise_concerns"),
	CONSTRAINT "family_invitations_accepted" CHECK (("family_invitations"."accepted_at" is null) = ("family_invitations"."grant_id" is null)),
	CONSTRAINT "family_invitations_email" CHECK ("family_invitations"."email" = lower("family_invitations"."email") and "family_invitations"."email" like '%_@_%')
);
--> statement-breakpoint
ALTER TABLE "family_invitations" ADD CONSTRAINT "family_invitations_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_invitations" ADD CONSTRAINT "family_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "family_invitations" ADD CONSTRAINT "family_invitations_grant_id_family_access_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."family_access_grants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "family_invitations_token_key" ON "family_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "family_invitations_patient_idx" ON "family_invitations" USING btree ("patient_id","created_at");