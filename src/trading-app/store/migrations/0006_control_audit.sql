CREATE TABLE "control_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"address" text,
	"action" text NOT NULL,
	"target" text,
	"request" jsonb NOT NULL,
	"request_id" text,
	"outcome" text NOT NULL,
	"detail" jsonb,
	"finished_at" timestamp with time zone,
	CONSTRAINT "control_audit_request_id_unique" UNIQUE("request_id"),
	CONSTRAINT "control_audit_outcome" CHECK ("control_audit"."outcome" in ('pending', 'ok', 'refused', 'failed'))
);
--> statement-breakpoint
CREATE INDEX "control_audit_at" ON "control_audit" USING btree ("at","id");