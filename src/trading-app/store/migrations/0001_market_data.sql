ALTER TABLE "contracts" ADD COLUMN "last_price" numeric;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "index_price" numeric;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "volume_24h" numeric;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "turnover_24h" numeric;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "funding_rate" numeric;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "next_funding_time" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "open_timestamp" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "expire_timestamp" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "delist_time" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "inserted_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "klines" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "contracts_universe" ON "contracts" USING btree ("status","quote_currency","turnover_24h");