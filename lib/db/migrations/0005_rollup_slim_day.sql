CREATE TABLE "mirror_rollup_day" (
	"day" date NOT NULL,
	"direction" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"route_id" text NOT NULL,
	"campaign_id" text NOT NULL,
	"has_cost" boolean NOT NULL,
	"messages" integer NOT NULL,
	"parts" bigint NOT NULL,
	"cost" numeric NOT NULL,
	"cost_scale" integer NOT NULL,
	CONSTRAINT "mirror_rollup_day_pk" PRIMARY KEY("day","direction","status","currency","route_id","campaign_id","has_cost")
);
--> statement-breakpoint
CREATE TABLE "mirror_rollup_slim" (
	"bucket" timestamp with time zone NOT NULL,
	"direction" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"has_cost" boolean NOT NULL,
	"messages" integer NOT NULL,
	"parts" bigint NOT NULL,
	"cost" numeric NOT NULL,
	"cost_scale" integer NOT NULL,
	CONSTRAINT "mirror_rollup_slim_pk" PRIMARY KEY("bucket","direction","status","currency","has_cost")
);
--> statement-breakpoint
-- A copy made before these tables existed: derive them from its rollup once.
INSERT INTO "mirror_rollup_slim" SELECT "bucket", "direction", "status", "currency", "has_cost", sum("messages"), sum("parts"), sum("cost"), max("cost_scale") FROM "mirror_rollup" GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO "mirror_rollup_day" SELECT ("bucket" AT TIME ZONE 'UTC')::date, "direction", "status", "currency", "route_id", "campaign_id", "has_cost", sum("messages"), sum("parts"), sum("cost"), max("cost_scale") FROM "mirror_rollup" GROUP BY 1, 2, 3, 4, 5, 6, 7;
