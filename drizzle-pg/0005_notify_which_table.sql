-- Notifications name the table that changed (the payload), and only changes another
-- instance cares about notify: a heartbeat or a lease renewal wakes nobody (with many
-- instances on one server those were most of the traffic), nor does a statement that
-- changed no row (row triggers). NOTIFY folds the notifications of one transaction with
-- the same payload into one. Per-task state is read only by the instance running the task.
CREATE OR REPLACE FUNCTION syncdeck_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('syncdeck_changes', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER instances_changed ON "instances";
--> statement-breakpoint
DROP TRIGGER services_changed ON "services";
--> statement-breakpoint
DROP TRIGGER tasks_changed ON "tasks";
--> statement-breakpoint
DROP TRIGGER runs_changed ON "runs";
--> statement-breakpoint
DROP TRIGGER run_logs_changed ON "run_logs";
--> statement-breakpoint
DROP TRIGGER run_exchanges_changed ON "run_exchanges";
--> statement-breakpoint
DROP TRIGGER task_state_changed ON "task_state";
--> statement-breakpoint
CREATE TRIGGER instances_changed AFTER INSERT OR DELETE ON "instances" FOR EACH ROW EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER instances_stopped AFTER UPDATE ON "instances" FOR EACH ROW WHEN (OLD.stopped_at IS DISTINCT FROM NEW.stopped_at) EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER services_changed AFTER INSERT OR DELETE ON "services" FOR EACH ROW EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER services_updated AFTER UPDATE ON "services" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER tasks_changed AFTER INSERT OR DELETE ON "tasks" FOR EACH ROW EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER tasks_updated AFTER UPDATE ON "tasks" FOR EACH ROW WHEN ((to_jsonb(OLD) - 'lease_expires_at') IS DISTINCT FROM (to_jsonb(NEW) - 'lease_expires_at')) EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER runs_changed AFTER INSERT OR DELETE ON "runs" FOR EACH ROW EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER runs_updated AFTER UPDATE ON "runs" FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER run_logs_changed AFTER INSERT OR DELETE ON "run_logs" FOR EACH ROW EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER run_exchanges_changed AFTER INSERT OR DELETE ON "run_exchanges" FOR EACH ROW EXECUTE FUNCTION syncdeck_notify_change();
