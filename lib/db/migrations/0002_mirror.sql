CREATE TABLE "mirror_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"created" timestamp with time zone NOT NULL,
	"modified" timestamp with time zone,
	"originator" text NOT NULL,
	"recipient" text NOT NULL,
	"body" text,
	"status" text NOT NULL,
	"direction" text NOT NULL,
	"in_reply_to" text,
	"route_id" text,
	"parts" integer NOT NULL,
	"cost" numeric,
	"currency" text,
	"sender_reference" text,
	"campaign_id" text,
	"recipient_key" text NOT NULL,
	"originator_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mirror_optouts" (
	"mobile_key" text PRIMARY KEY NOT NULL,
	"id" bigint,
	"mobile" text NOT NULL,
	"note" text,
	"created" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mirror_rollup" (
	"bucket" timestamp with time zone NOT NULL,
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
	CONSTRAINT "mirror_rollup_pk" PRIMARY KEY("bucket","direction","status","currency","route_id","campaign_id","has_cost")
);
--> statement-breakpoint
CREATE TABLE "mirror_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"run_started_at" timestamp with time zone,
	"run_finished_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"last_error_kind" text,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_run_at" timestamp with time zone,
	"rejected_key" text,
	"bodies" boolean DEFAULT true NOT NULL,
	"optouts_synced_at" timestamp with time zone,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mirror_windows" (
	"day" date PRIMARY KEY NOT NULL,
	"start" timestamp with time zone NOT NULL,
	"end" timestamp with time zone NOT NULL,
	"covered_to" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	"final" boolean DEFAULT false NOT NULL,
	"messages" integer NOT NULL,
	"pages" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "mirror_messages_created_id_idx" ON "mirror_messages" USING btree ("created","id");--> statement-breakpoint
CREATE INDEX "mirror_messages_recipient_key_idx" ON "mirror_messages" USING btree ("recipient_key","created");--> statement-breakpoint
CREATE INDEX "mirror_messages_originator_key_idx" ON "mirror_messages" USING btree ("originator_key","created");--> statement-breakpoint
CREATE INDEX "mirror_messages_in_reply_to_idx" ON "mirror_messages" USING btree ("in_reply_to");--> statement-breakpoint
CREATE INDEX "mirror_optouts_created_idx" ON "mirror_optouts" USING btree ("created");