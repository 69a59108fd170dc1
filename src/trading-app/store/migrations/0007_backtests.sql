CREATE TABLE "backtests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"parameters" jsonb NOT NULL,
	"state" text NOT NULL,
	"summary" jsonb,
	"result" text,
	"report" text,
	"error" text,
	"finished_at" timestamp with time zone,
	CONSTRAINT "backtests_state" CHECK ("backtests"."state" in ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "backtests_created_at" ON "backtests" USING btree ("created_at","id");