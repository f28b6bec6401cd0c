CREATE TABLE "mirror_rollup_hour" (
	"bucket" timestamp with time zone NOT NULL,
	"direction" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"has_cost" boolean NOT NULL,
	"messages" integer NOT NULL,
	"parts" bigint NOT NULL,
	"cost" numeric NOT NULL,
	"cost_scale" integer NOT NULL,
	CONSTRAINT "mirror_rollup_hour_pk" PRIMARY KEY("bucket","direction","status","currency","has_cost")
);
--> statement-breakpoint
-- A copy made before this table existed: derive it from the slim rollup once.
INSERT INTO "mirror_rollup_hour" SELECT date_bin('1 hour', "bucket", timestamptz '2000-01-01 00:00:00+00'), "direction", "status", "currency", "has_cost", sum("messages"), sum("parts"), sum("cost"), max("cost_scale") FROM "mirror_rollup_slim" GROUP BY 1, 2, 3, 4, 5;
