import { getTableColumns, sql } from "drizzle-orm";
import { NATIONAL_KEY_PATTERN } from "@/lib/phone/number";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

// One schema for PGlite and PostgreSQL. Changing it: edit here, run `npm run db:generate`
// (drizzle-kit writes a new SQL file to lib/db/migrations), and check the SQL in.

/**
 * The message CSV's text and phone columns (lib/export/columns.ts), by SQL column: those
 * whose cells the CSV rules may change. Append only: the order gives csv_changed's bits.
 */
export const MESSAGE_CSV_CHECKED = {
  id: "text",
  originator: "text",
  recipient: "phone",
  body: "text",
  status: "text",
  direction: "text",
  in_reply_to: "text",
  route_id: "text",
  currency: "text",
  sender_reference: "text",
  campaign_id: "text",
} as const satisfies Record<string, "text" | "phone">;

/**
 * Where a column of MESSAGE_CSV_CHECKED keeps its two bits in csv_changed (lib/csv's
 * csvCellRules: CSV_FORMULA, CSV_QUOTES): `(csv_changed >> shift) & 3`.
 */
export function messageCsvShift(column: string): number {
  const index = Object.keys(MESSAGE_CSV_CHECKED).indexOf(column);
  if (index < 0) throw new RangeError(`csv_changed does not check ${column}`);
  return 2 * index;
}

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stored lower-cased and trimmed, so look-ups are exact. */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    role: text("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    disabledAt: at("disabled_at"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    check("users_role_check", sql`${t.role} in ('admin', 'manager', 'support', 'marketing')`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 (hex) of the cookie's token: a database leak does not give usable sessions. */
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: at("created_at").notNull().defaultNow(),
    expiresAt: at("expires_at").notNull(),
    lastSeenAt: at("last_seen_at").notNull().defaultNow(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    index("sessions_user_id_idx").on(t.userId),
    index("sessions_expires_at_idx").on(t.expiresAt),
  ],
);

/** Failed (and successful) sign-in attempts, for throttling shared by every instance. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    success: boolean("success").notNull(),
    at: at("at").notNull().defaultNow(),
  },
  (t) => [
    index("login_attempts_email_at_idx").on(t.email, t.at),
    index("login_attempts_ip_at_idx").on(t.ip, t.at),
  ],
);

/** Small key → JSON settings (e.g. the encrypted Mobivate key). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: at("updated_at").notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: at("at").notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** Kept as text too, so the log still reads right after an email change. */
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    target: text("target"),
    outcome: text("outcome").notNull(),
    details: jsonb("details").notNull().default({}),
    ip: text("ip"),
    /**
     * Set only on entries that count repeats instead of adding rows (throttled sign-ins: one
     * per account or address per window); unique, so every instance upserts the same row.
     */
    dedupeKey: text("dedupe_key"),
  },
  (t) => [
    // Also what retention pruning deletes by (one range delete).
    index("audit_log_at_idx").on(t.at),
    index("audit_log_action_at_idx").on(t.action, t.at),
    index("audit_log_actor_email_at_idx").on(t.actorEmail, t.at),
    uniqueIndex("audit_log_dedupe_key_key").on(t.dedupeKey),
  ],
);

// ---- The local mirror (lib/mirror): a copy of the provider's messages and opt-outs. ----

/** Every message read from `GET /message`, one row per id (the latest `modified` wins). */
export const mirrorMessages = pgTable(
  "mirror_messages",
  {
    id: text("id").primaryKey(),
    created: at("created").notNull(),
    modified: at("modified"),
    originator: text("originator").notNull(),
    recipient: text("recipient").notNull(),
    /** Null when bodies are not kept (DASHBOARD_SYNC_BODIES=0). */
    body: text("body"),
    status: text("status").notNull(),
    direction: text("direction").notNull(),
    inReplyTo: text("in_reply_to"),
    routeId: text("route_id"),
    parts: integer("parts").notNull(),
    /** Exact decimal, as the API sent it. */
    cost: numeric("cost"),
    currency: text("currency"),
    senderReference: text("sender_reference"),
    campaignId: text("campaign_id"),
    /** lib/phone's comparison key (the digits), for number look-ups. */
    recipientKey: text("recipient_key").notNull(),
    originatorKey: text("originator_key").notNull(),
    /**
     * How the CSV rules write each of this message's text and phone cells: two bits per
     * column of MESSAGE_CSV_CHECKED (formula prefix, quotes; messageCsvShift), set by the
     * writer from lib/csv's csvCellRules (lib/mirror/write.ts). The export writes every cell
     * from its bits (lib/csv/sql.ts csvLineSql) and evaluates no regular expression: a line
     * costs little more than joining its values. Computed in Node since migration 0009:
     * PostgreSQL's regular expressions for it were a third of a page's insert. Two bits
     * since migration 0010 (one "may change" bit left 24 % of a quarter's rows to the
     * full rules).
     */
    csvChanged: integer("csv_changed").notNull(),
  },
  (t) => [
    // Newest first, and every range: (created, id) is also the stable order for paging.
    index("mirror_messages_created_id_idx").on(t.created, t.id),
    index("mirror_messages_recipient_key_idx").on(t.recipientKey, t.created),
    index("mirror_messages_originator_key_idx").on(t.originatorKey, t.created),
    index("mirror_messages_in_reply_to_idx").on(t.inReplyTo),
    // "Contains these digits" (number search): trigram indexes (pg_trgm, migration 0003).
    index("mirror_messages_recipient_key_trgm_idx").using("gin", t.recipientKey.op("gin_trgm_ops")),
    index("mirror_messages_originator_key_trgm_idx").using(
      "gin",
      t.originatorKey.op("gin_trgm_ops"),
    ),
    // Compliance counts the outgoing messages to national-format numbers (lib/compliance's
    // isNationalFormat, on the key): a few percent of a range, spread over all of its heap
    // pages. This partial index counts them without reading those pages (680 ms → a few ms
    // for a quarter); the predicate is the query's, word for word, so the planner uses it.
    index("mirror_messages_national_mt_idx")
      .on(t.created)
      .where(sql.raw(`direction = 'MT' and recipient_key ~ '${NATIONAL_KEY_PATTERN}'`)),
  ],
);

/** The app field (lib/mobivate's Message) a mirror_messages column stores: the table's keys. */
export function mirrorMessageField(column: string): string {
  const entry = Object.entries(getTableColumns(mirrorMessages)).find(([, c]) => c.name === column);
  if (!entry) throw new RangeError(`mirror_messages has no column ${column}`);
  return entry[0];
}

/**
 * What every rollup row adds up, after its key: whether these messages carry a cost (the
 * no-cost row of Spend counts those apart), how many, their parts, their cost and the most
 * decimals among the costs (Spend shows each currency at its scale). Fresh builders per
 * table.
 */
const rollupMeasures = () => ({
  hasCost: boolean("has_cost").notNull(),
  messages: integer("messages").notNull(),
  parts: bigint("parts", { mode: "number" }).notNull(),
  cost: numeric("cost").notNull(),
  costScale: integer("cost_scale").notNull(),
});

/**
 * Messages pre-aggregated per 15-minute UTC bucket and every dimension a report groups by.
 * Every zone's days start on a quarter hour, so a zone-day total is a sum of buckets: a
 * quarter's totals read ~10⁵ rows instead of 3·10⁶. Rebuilt for a window's buckets in the
 * transaction that writes the window's messages, so it always equals the raw rows.
 */
export const mirrorRollup = pgTable(
  "mirror_rollup",
  {
    bucket: at("bucket").notNull(),
    direction: text("direction").notNull(),
    status: text("status").notNull(),
    /** '' for none: primary key columns cannot be null. */
    currency: text("currency").notNull(),
    routeId: text("route_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    /** Whether these messages carry a cost (the no-cost row of Spend counts those apart). */
    ...rollupMeasures(),
  },
  (t) => [
    primaryKey({
      name: "mirror_rollup_pk",
      columns: [t.bucket, t.direction, t.status, t.currency, t.routeId, t.campaignId, t.hasCost],
    }),
  ],
);

/** The slim rollups' columns and key (per bucket × direction × status × currency × cost). */
function slimRollupTable<N extends string>(name: N) {
  return pgTable(
    name,
    {
      bucket: at("bucket").notNull(),
      direction: text("direction").notNull(),
      status: text("status").notNull(),
      currency: text("currency").notNull(),
      ...rollupMeasures(),
    },
    (t) => [
      primaryKey({
        name: `${name}_pk`,
        columns: [t.bucket, t.direction, t.status, t.currency, t.hasCost],
      }),
    ],
  );
}

/**
 * The rollup without route and campaign: per 15-minute bucket, a handful of rows (direction ×
 * status × currency). Reports group it into the zone's days: a quarter reads ~10⁵ rows, not
 * the full rollup's ~10⁶ (campaigns multiply its rows). Derived from mirror_rollup with it.
 */
export const mirrorRollupSlim = slimRollupTable("mirror_rollup_slim");

/**
 * The slim rollup per hour: the days of a range whose day starts fall on whole hours (nearly
 * every zone's) read a quarter of the slim rollup's rows; hours holding a day start at :30 or
 * :45 are read from the slim rollup. Derived from mirror_rollup_slim with it.
 */
export const mirrorRollupHour = slimRollupTable("mirror_rollup_hour");

/**
 * The full rollup per UTC day: whole-range breakdowns (by status, route, campaign) read one
 * row per combination and day for the days wholly inside the range, and the 15-minute rows
 * only for the partial days at its ends. Derived from mirror_rollup with it.
 */
export const mirrorRollupDay = pgTable(
  "mirror_rollup_day",
  {
    day: date("day", { mode: "string" }).notNull(),
    direction: text("direction").notNull(),
    status: text("status").notNull(),
    currency: text("currency").notNull(),
    routeId: text("route_id").notNull(),
    campaignId: text("campaign_id").notNull(),
    ...rollupMeasures(),
  },
  (t) => [
    primaryKey({
      name: "mirror_rollup_day_pk",
      columns: [t.day, t.direction, t.status, t.currency, t.routeId, t.campaignId, t.hasCost],
    }),
  ],
);

/**
 * The hourly slim rollup without the status: what Spend's days need (counts and costs per
 * currency). A year in Sydney folds ~9 rows per hour instead of ~90. Derived from
 * mirror_rollup_hour with it.
 */
export const mirrorRollupHourCurrency = pgTable(
  "mirror_rollup_hour_currency",
  {
    bucket: at("bucket").notNull(),
    direction: text("direction").notNull(),
    currency: text("currency").notNull(),
    ...rollupMeasures(),
  },
  (t) => [
    primaryKey({
      name: "mirror_rollup_hour_currency_pk",
      columns: [t.bucket, t.direction, t.currency, t.hasCost],
    }),
  ],
);

/**
 * The per-day rollup one breakdown at a time: `dimension` is "status", "route" or "campaign"
 * and `key` its value ('' = none). Spend's whole-range breakdowns read ~200 rows per day here
 * instead of the ~1,000 combinations of mirror_rollup_day (status × route × campaign), and
 * fold them without GROUPING SETS. Derived from mirror_rollup_day with it.
 */
export const mirrorRollupDayKey = pgTable(
  "mirror_rollup_day_key",
  {
    day: date("day", { mode: "string" }).notNull(),
    direction: text("direction").notNull(),
    dimension: text("dimension").notNull(),
    key: text("key").notNull(),
    currency: text("currency").notNull(),
    ...rollupMeasures(),
  },
  (t) => [
    primaryKey({
      name: "mirror_rollup_day_key_pk",
      columns: [t.day, t.direction, t.dimension, t.key, t.currency, t.hasCost],
    }),
  ],
);

/** The opt-out list as last read whole. */
export const mirrorOptOuts = pgTable(
  "mirror_optouts",
  {
    /** lib/phone's comparison key: one opt-out per number. */
    mobileKey: text("mobile_key").primaryKey(),
    id: bigint("id", { mode: "number" }),
    mobile: text("mobile").notNull(),
    note: text("note"),
    created: at("created").notNull(),
  },
  (t) => [
    index("mirror_optouts_created_idx").on(t.created),
    index("mirror_optouts_mobile_key_trgm_idx").using("gin", t.mobileKey.op("gin_trgm_ops")),
  ],
);

/**
 * One row per UTC day of messages the syncer has read. `coveredTo` is when the last read of
 * the window began (≤ `end`): every message created before it was in that read. A window
 * read at or after `end` + the lookback is final and never read again.
 */
export const mirrorWindows = pgTable("mirror_windows", {
  day: date("day", { mode: "string" }).primaryKey(),
  start: at("start").notNull(),
  end: at("end").notNull(),
  coveredTo: at("covered_to").notNull(),
  readAt: at("read_at").notNull(),
  final: boolean("final").notNull().default(false),
  messages: integer("messages").notNull(),
  pages: integer("pages").notNull(),
});

/** The syncer's one state row (id 1): what it is doing, its last outcome, its counters. */
export const mirrorState = pgTable("mirror_state", {
  id: integer("id").primaryKey(),
  state: text("state").notNull(),
  runStartedAt: at("run_started_at"),
  runFinishedAt: at("run_finished_at"),
  lastSuccessAt: at("last_success_at"),
  lastError: text("last_error"),
  lastErrorKind: text("last_error_kind"),
  failures: integer("failures").notNull().default(0),
  nextRunAt: at("next_run_at"),
  /** Fingerprint of the key Mobivate rejected: syncing resumes once the key changes. */
  rejectedKey: text("rejected_key"),
  /** Whether message bodies are kept (a change of DASHBOARD_SYNC_BODIES clears them). */
  bodies: boolean("bodies").notNull().default(true),
  optOutsSyncedAt: at("optouts_synced_at"),
  details: jsonb("details").notNull().default({}),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export const schema = {
  users,
  sessions,
  loginAttempts,
  settings,
  auditLog,
  mirrorMessages,
  mirrorRollup,
  mirrorRollupSlim,
  mirrorRollupDay,
  mirrorOptOuts,
  mirrorWindows,
  mirrorState,
};

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
