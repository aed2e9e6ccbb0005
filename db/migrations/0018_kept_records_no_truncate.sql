-- Records the law or the care team relies on are kept: rows are guarded one by one by each table's
-- own trigger, but TRUNCATE fires no row trigger, so it emptied them. One statement-level guard each.
CREATE OR REPLACE FUNCTION kept_records_refuse_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is kept: truncate refused', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER concerns_no_truncate BEFORE TRUNCATE ON concerns
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER concern_transitions_no_truncate BEFORE TRUNCATE ON concern_transitions
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER rights_requests_no_truncate BEFORE TRUNCATE ON rights_requests
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER patient_preference_versions_no_truncate BEFORE TRUNCATE ON patient_preference_versions
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER resources_given_no_truncate BEFORE TRUNCATE ON resources_given
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER disclosures_no_truncate BEFORE TRUNCATE ON disclosures
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER disclosure_accountings_no_truncate BEFORE TRUNCATE ON disclosure_accountings
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER advocacy_interactions_no_truncate BEFORE TRUNCATE ON advocacy_interactions
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
CREATE TRIGGER patient_updates_no_truncate BEFORE TRUNCATE ON patient_updates
  FOR EACH STATEMENT EXECUTE FUNCTION kept_records_refuse_truncate();
--> statement-breakpoint
-- The preference history said "care plan versions are append-only" (it borrowed the plans' function).
CREATE OR REPLACE FUNCTION patient_preference_versions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'preference versions are append-only: % refused', lower(TG_OP) USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
DROP TRIGGER patient_preference_versions_append_only ON patient_preference_versions;
--> statement-breakpoint
CREATE TRIGGER patient_preference_versions_append_only
  BEFORE UPDATE OR DELETE ON patient_preference_versions
  FOR EACH ROW EXECUTE FUNCTION patient_preference_versions_refuse_change();
