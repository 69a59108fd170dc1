ALTER TABLE "alerts" ALTER COLUMN "value" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ALTER COLUMN "threshold" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "position_id" text;