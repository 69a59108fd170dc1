CREATE TABLE "trades" (
	"decision_key" text PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"profile" text NOT NULL,
	"symbol" text NOT NULL,
	"side" text NOT NULL,
	"execution_timeframe" text NOT NULL,
	"candle_open_time" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"detail" text,
	"plan" jsonb,
	"entry_price" numeric,
	"quantity" numeric,
	"exit_reason" text,
	"exit_price" numeric,
	"realized_pnl" numeric,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "trades_created_at" ON "trades" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "trades_symbol_created_at" ON "trades" USING btree ("symbol","created_at");--> statement-breakpoint
CREATE INDEX "trades_status" ON "trades" USING btree ("status");