ALTER TABLE "family_invitations" DROP CONSTRAINT "family_invitations_scope";--> statement-breakpoint
ALTER TABLE "family_access_grants" ADD COLUMN "can_view_requests" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "family_invitations" ADD COLUMN "can_view_requests" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "family_invitations" ADD CONSTRAINT "family_invitations_scope" CHECK ("family_invitations"."can_view_timeline" or "family_invitations"."can_raise_concerns" or "family_invitations"."can_view_requests");