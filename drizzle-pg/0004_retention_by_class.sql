DROP INDEX "runs_details_expire";--> statement-breakpoint
CREATE INDEX "runs_details_due" ON "runs" USING btree ("outcome","error_class","finished_at") WHERE details_purged_at IS NULL;