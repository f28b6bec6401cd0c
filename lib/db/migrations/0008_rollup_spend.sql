CREATE TABLE "mirror_rollup_day_key" (
	"day" date NOT NULL,
	"direction" text NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"currency" text NOT NULL,
	"has_cost" boolean NOT NULL,
	"messages" integer NOT NULL,
	"parts" bigint NOT NULL,
	"cost" numeric NOT NULL,
	"cost_scale" integer NOT NULL,
	CONSTRAINT "mirror_rollup_day_key_pk" PRIMARY KEY("day","direction","dimension","key","currency","has_cost")
);
--> statement-breakpoint
CREATE TABLE "mirror_rollup_hour_currency" (
	"bucket" timestamp with time zone NOT NULL,
	"direction" text NOT NULL,
	"currency" text NOT NULL,
	"has_cost" boolean NOT NULL,
	"messages" integer NOT NULL,
	"parts" bigint NOT NULL,
	"cost" numeric NOT NULL,
	"cost_scale" integer NOT NULL,
	CONSTRAINT "mirror_rollup_hour_currency_pk" PRIMARY KEY("bucket","direction","currency","has_cost")
);
--> statement-breakpoint
-- A copy made before these tables existed: derive them from its rollups once.
INSERT INTO "mirror_rollup_day_key" SELECT "day", "direction", k."dimension", k."key", "currency", "has_cost", sum("messages"), sum("parts"), sum("cost"), max("cost_scale") FROM "mirror_rollup_day" CROSS JOIN LATERAL (VALUES ('status', "status"), ('route', "route_id"), ('campaign', "campaign_id")) AS k("dimension", "key") GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
INSERT INTO "mirror_rollup_hour_currency" SELECT "bucket", "direction", "currency", "has_cost", sum("messages"), sum("parts"), sum("cost"), max("cost_scale") FROM "mirror_rollup_hour" GROUP BY 1, 2, 3, 4;
