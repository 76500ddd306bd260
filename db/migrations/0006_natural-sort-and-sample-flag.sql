DROP INDEX "snapshot_tenants_snapshot_idx";--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "sample" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "snapshot_tenants" ADD COLUMN "name_sort_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "snapshot_tenants_snapshot_idx" ON "snapshot_tenants" USING btree ("snapshot_id","name_sort_key" collate "C");