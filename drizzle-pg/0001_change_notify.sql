-- Every committed write wakes the other instances (LISTEN syncdeck_changes): the
-- PostgreSQL counterpart of SQLite's data_version. NOTIFY is delivered at commit, and the
-- notifications of one transaction are folded into one.
CREATE FUNCTION syncdeck_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('syncdeck_changes', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER instances_changed AFTER INSERT OR UPDATE OR DELETE ON "instances" FOR EACH STATEMENT EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER services_changed AFTER INSERT OR UPDATE OR DELETE ON "services" FOR EACH STATEMENT EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER tasks_changed AFTER INSERT OR UPDATE OR DELETE ON "tasks" FOR EACH STATEMENT EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER runs_changed AFTER INSERT OR UPDATE OR DELETE ON "runs" FOR EACH STATEMENT EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER run_logs_changed AFTER INSERT OR UPDATE OR DELETE ON "run_logs" FOR EACH STATEMENT EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER run_exchanges_changed AFTER INSERT OR UPDATE OR DELETE ON "run_exchanges" FOR EACH STATEMENT EXECUTE FUNCTION syncdeck_notify_change();
--> statement-breakpoint
CREATE TRIGGER task_state_changed AFTER INSERT OR UPDATE OR DELETE ON "task_state" FOR EACH STATEMENT EXECUTE FUNCTION syncdeck_notify_change();
