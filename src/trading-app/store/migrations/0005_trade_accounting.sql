CREATE TABLE "trade_fills" (
	"decision_key" text NOT NULL,
	"trade_id" text NOT NULL,
	"order_id" text NOT NULL,
	"side" text NOT NULL,
	"price" numeric NOT NULL,
	"size" numeric NOT NULL,
	"fee" numeric NOT NULL,
	"liquidity" text,
	"realized_pnl" numeric NOT NULL,
	"filled_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trade_fills_decision_key_trade_id_pk" PRIMARY KEY("decision_key","trade_id")
);
--> statement-breakpoint
CREATE TABLE "trade_funding" (
	"decision_key" text NOT NULL,
	"ledger_id" text NOT NULL,
	"amount" numeric NOT NULL,
	"paid_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trade_funding_decision_key_ledger_id_paid_at_pk" PRIMARY KEY("decision_key","ledger_id","paid_at")
);
--> statement-breakpoint
CREATE TABLE "trade_orders" (
	"decision_key" text NOT NULL,
	"source" text NOT NULL,
	"order_id" text NOT NULL,
	"client_order_id" text NOT NULL,
	"role" text NOT NULL,
	"side" text NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"price" numeric,
	"size" numeric NOT NULL,
	"filled_size" numeric NOT NULL,
	"average_price" numeric,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trade_orders_decision_key_source_order_id_pk" PRIMARY KEY("decision_key","source","order_id")
);
--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "entry_order_id" text;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "fees" numeric;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "funding" numeric;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "net_pnl" numeric;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "r_multiple" numeric;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "mae_price" numeric;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "mfe_price" numeric;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "mae_usdt" numeric;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "mfe_usdt" numeric;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "accounting" text;--> statement-breakpoint
ALTER TABLE "trades" ADD COLUMN "reconciled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trade_fills" ADD CONSTRAINT "trade_fills_decision_key_trades_decision_key_fk" FOREIGN KEY ("decision_key") REFERENCES "public"."trades"("decision_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_funding" ADD CONSTRAINT "trade_funding_decision_key_trades_decision_key_fk" FOREIGN KEY ("decision_key") REFERENCES "public"."trades"("decision_key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_orders" ADD CONSTRAINT "trade_orders_decision_key_trades_decision_key_fk" FOREIGN KEY ("decision_key") REFERENCES "public"."trades"("decision_key") ON DELETE no action ON UPDATE no action;