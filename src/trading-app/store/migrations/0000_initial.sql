CREATE TABLE "alert_states" (
	"kind" text PRIMARY KEY NOT NULL,
	"raised" boolean NOT NULL,
	"last_value" numeric,
	"observed_at" timestamp with time zone,
	"changed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"value" numeric NOT NULL,
	"threshold" numeric NOT NULL,
	"trace_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" text NOT NULL,
	"symbol" text NOT NULL,
	"step" text NOT NULL,
	"timeframe" text,
	"cause" text,
	"details" jsonb NOT NULL,
	"severity" smallint DEFAULT 0 NOT NULL,
	"candle_open_time" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "balance_snapshots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"signal_id" bigint NOT NULL,
	"trace_id" text NOT NULL,
	"asset" text NOT NULL,
	"available_balance" numeric NOT NULL,
	"frozen_balance" numeric NOT NULL,
	"equity" numeric NOT NULL,
	"unrealized_pnl" numeric,
	"position_deposit" numeric,
	"bonus" numeric,
	"observed_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callbacks_received" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dedupe_key" text NOT NULL,
	"trace_id" text,
	"status" text NOT NULL,
	"subject_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "callbacks_received_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"symbol" text PRIMARY KEY NOT NULL,
	"base_currency" text NOT NULL,
	"quote_currency" text NOT NULL,
	"status" text NOT NULL,
	"contract_size" numeric NOT NULL,
	"tick_size" numeric NOT NULL,
	"size_step" numeric NOT NULL,
	"min_size" numeric NOT NULL,
	"max_size" numeric NOT NULL,
	"max_market_size" numeric NOT NULL,
	"min_leverage" numeric NOT NULL,
	"max_leverage" numeric NOT NULL,
	"funding_interval_hours" smallint,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_snapshots" (
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"kline_time" timestamp with time zone NOT NULL,
	"values" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "indicator_snapshots_symbol_timeframe_kline_time_pk" PRIMARY KEY("symbol","timeframe","kline_time")
);
--> statement-breakpoint
CREATE TABLE "klines" (
	"symbol" text NOT NULL,
	"timeframe" text NOT NULL,
	"open_time" timestamp with time zone NOT NULL,
	"open" numeric NOT NULL,
	"high" numeric NOT NULL,
	"low" numeric NOT NULL,
	"close" numeric NOT NULL,
	"volume" numeric NOT NULL,
	"source" text DEFAULT 'rest' NOT NULL,
	"inserted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "klines_symbol_timeframe_open_time_pk" PRIMARY KEY("symbol","timeframe","open_time")
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_order_key" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"deal_size" numeric,
	"deal_avg_price" numeric,
	"detail" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"trace_id" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"client_order_key" text PRIMARY KEY NOT NULL,
	"client_order_id" text NOT NULL,
	"order_id" text,
	"parent_client_order_id" text,
	"symbol" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"type" text NOT NULL,
	"side" text NOT NULL,
	"price" numeric NOT NULL,
	"size" numeric NOT NULL,
	"deal_size" numeric,
	"deal_avg_price" numeric,
	"leverage" numeric,
	"submitted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"position_key" text PRIMARY KEY NOT NULL,
	"position_id" text NOT NULL,
	"exchange_order_id" text,
	"symbol" text,
	"side" text,
	"status" text NOT NULL,
	"entry_price" numeric,
	"quantity" numeric,
	"close_reason" text,
	"close_price" numeric,
	"close_order_id" text,
	"last_close_failure_reason" text,
	"last_close_error" text,
	"last_close_failed_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signals_received" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"trace_id" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "signals_received_trace_id_unique" UNIQUE("trace_id"),
	CONSTRAINT "signals_received_kind" CHECK ("signals_received"."kind" in ('balance', 'order'))
);
--> statement-breakpoint
ALTER TABLE "balance_snapshots" ADD CONSTRAINT "balance_snapshots_signal_id_signals_received_id_fk" FOREIGN KEY ("signal_id") REFERENCES "public"."signals_received"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alerts_created_at" ON "alerts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "audits_symbol_created_at" ON "audits" USING btree ("symbol","created_at");--> statement-breakpoint
CREATE INDEX "audits_run_id" ON "audits" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "balance_snapshots_observed_at" ON "balance_snapshots" USING btree ("observed_at","id");--> statement-breakpoint
CREATE INDEX "order_events_order" ON "order_events" USING btree ("client_order_key","occurred_at","id");--> statement-breakpoint
CREATE INDEX "orders_submitted_at" ON "orders" USING btree ("submitted_at");--> statement-breakpoint
CREATE INDEX "orders_symbol" ON "orders" USING btree ("symbol");--> statement-breakpoint
CREATE INDEX "orders_order_id" ON "orders" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "positions_status" ON "positions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "positions_exchange_order_id" ON "positions" USING btree ("exchange_order_id");