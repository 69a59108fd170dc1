CREATE TABLE "mtf_lock" (
	"lock_key" text PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"acquired_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtf_runs" (
	"run_id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"summary" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mtf_switch" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"switch_key" text NOT NULL,
	"is_on" boolean DEFAULT true NOT NULL,
	"description" text,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "mtf_switch_switch_key_unique" UNIQUE("switch_key")
);
--> statement-breakpoint
ALTER TABLE "indicator_snapshots" ADD COLUMN "source" text DEFAULT 'streaming' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_snapshots" ADD COLUMN "run_id" text;--> statement-breakpoint
ALTER TABLE "indicator_snapshots" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "mtf_lock_expires_at" ON "mtf_lock" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "mtf_runs_finished_at" ON "mtf_runs" USING btree ("finished_at");--> statement-breakpoint
CREATE INDEX "audits_step_created_at" ON "audits" USING btree ("step","created_at");