// Builds one message record from its index. Only the page being served is ever built.
// An MO reply rebuilds the MT message it answers (also a pure function of its index), so
// "originator of the reply = recipient of the MT" holds without storing anything.
import { campaignBody, CAMPAIGN_COUNT, moBody, mtBody } from "./bodies";
import {
  MO_STATUS_WEIGHTS,
  MT_STATUS_WEIGHTS,
  SENDER_IDS,
  UNCHARGED_STATUSES,
  type ApiMessage,
  type Country,
} from "./catalog";
import { formatApiTimestamp } from "./dates";
import { createRng, hash32, hex8, hexId, weightedPicker, type Rng } from "./hash";
import { handsetAt, pickHandsetIndex, type Handset } from "./handsets";
import type { IdCodec } from "./ids";
import { lifecycleOf, stateAt, type Lifecycle } from "./lifecycle";
import { smsParts } from "./sms-parts";

export interface GeneratorContext {
  seed: number;
  size: number;
  startMs: number;
  endMs: number;
  /** Created epoch ms per index (non-decreasing). */
  created: Float64Array;
  /** 1 for MO, 0 for MT, per index. */
  isMo: Uint8Array;
  ids: IdCodec;
  handsetCount: number;
  virtualNumbers: Map<Country["code"], readonly string[]>;
  /** "mglobal" first, then 32-hex route ids. */
  routes: readonly string[];
  /** One id per campaign template; each campaign runs in its own slice of the span. */
  campaigns: readonly { id: string; sender: string }[];
}

export interface GeneratedMessage {
  message: ApiMessage;
  /** The handset on the other end (MT recipient / MO originator), in international format. */
  handset: Handset;
  /** Seconds between creation and the final record's `modified` (see lifecycle.ts). */
  submitLagMs: number;
}

/**
 * Applies the clock: a finite `nowMs` shows the record as it was at that instant; +Infinity
 * (the fixed clock) keeps the record exactly as the generator has always produced it.
 */
function atTime(
  ctx: GeneratorContext,
  i: number,
  generated: GeneratedMessage,
  nowMs: number,
): GeneratedMessage {
  if (!Number.isFinite(nowMs)) return generated; // the common case pays nothing for time
  const { message } = generated;
  const state = stateAt(lifecycleOfGenerated(ctx, i, generated), nowMs);
  message.status = state.status;
  message.modified = formatApiTimestamp(state.modifiedMs);
  return generated;
}

/** The lifecycle of a message generated final (status and lag as the generator made them). */
export function lifecycleOfGenerated(
  ctx: GeneratorContext,
  i: number,
  generated: GeneratedMessage,
): Lifecycle {
  const { direction, status } = generated.message;
  const createdMs = ctx.created[i] ?? ctx.startMs;
  return lifecycleOf(ctx.seed, i, direction, createdMs, status, generated.submitLagMs);
}

const SALT_MT = 0x61;
const SALT_MO = 0x62;
const pickMtStatus = weightedPicker(MT_STATUS_WEIGHTS);
const pickMoStatus = weightedPicker(MO_STATUS_WEIGHTS);

export function buildRoutes(seed: number): string[] {
  return ["mglobal", hexId(seed, 101), hexId(seed, 102), hexId(seed, 103)];
}

export function buildCampaigns(seed: number): { id: string; sender: string }[] {
  return Array.from({ length: CAMPAIGN_COUNT }, (_, c) => ({
    id: hexId(seed, 201 + c),
    sender: SENDER_IDS[(c * 3 + 1) % SENDER_IDS.length] ?? "Brand",
  }));
}

function senderReference(rng: Rng): string | null {
  if (rng.chance(0.45)) return null;
  switch (rng.int(4)) {
    case 0:
      return `ref-${String(rng.int(1000)).padStart(3, "0")}`;
    case 1:
      return `INV-2023-${String(rng.int(10000)).padStart(4, "0")}`;
    case 2:
      return `order-${100000 + rng.int(900000)}`;
    default: {
      const h = (
        hex8(rng.u32()) +
        hex8(rng.u32()) +
        hex8(rng.u32()) +
        hex8(rng.u32())
      ).toLowerCase();
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
  }
}

function routeFor(ctx: GeneratorContext, rng: Rng): string {
  return rng.chance(0.55) ? (ctx.routes[0] ?? "mglobal") : rng.pick(ctx.routes.slice(1));
}

function virtualNumberFor(ctx: GeneratorContext, country: Country, rng: Rng): string {
  return rng.pick(ctx.virtualNumbers.get(country.code) ?? [country.prefix + "0000000"]);
}

function buildMt(ctx: GeneratorContext, i: number, nowMs: number): GeneratedMessage {
  const rng = createRng(hash32(ctx.seed, i, SALT_MT));
  const handset = handsetAt(ctx.seed, pickHandsetIndex(rng.next(), ctx.handsetCount));
  const createdMs = ctx.created[i] ?? ctx.startMs;
  // Campaigns run one after another across the span; about a third of messages belong to one.
  const spanFraction = (createdMs - ctx.startMs) / Math.max(1, ctx.endMs - ctx.startMs);
  const slot = Math.min(ctx.campaigns.length - 1, Math.floor(spanFraction * ctx.campaigns.length));
  const campaign = rng.chance(0.35) ? ctx.campaigns[slot] : undefined;

  let originator: string;
  if (campaign) originator = campaign.sender;
  else if (rng.chance(0.55)) originator = rng.pick(SENDER_IDS);
  else originator = virtualNumberFor(ctx, handset.country, rng);

  const body = campaign ? campaignBody(slot, rng) : mtBody(rng);
  const status = pickMtStatus(rng.next());
  const routeId = routeFor(ctx, rng);
  const parts = smsParts(body);

  // Exact money: integer 1/10,000 units, divided once for output (0.0425 × 3 = 0.1275).
  let cost: number | null = null;
  let currency: string | null = null;
  if (!rng.chance(0.015)) {
    const units = UNCHARGED_STATUSES.has(status) ? 0 : handset.country.pricePerPart * parts;
    cost = units / 10_000;
    currency = handset.country.currency;
  }
  const modifiedMs = createdMs + (status === "CREATED" ? 0 : (1 + rng.int(9)) * 1000);

  const message: ApiMessage = {
    id: ctx.ids.encode(i),
    created: formatApiTimestamp(createdMs),
    modified: formatApiTimestamp(modifiedMs),
    originator,
    recipient: handset.display,
    body,
    status,
    direction: "MT",
    inReplyTo: null,
    routeId,
    parts,
    cost,
    currency,
    senderReference: senderReference(rng),
    campaignId: campaign ? campaign.id : null,
  };
  return atTime(ctx, i, { handset, message, submitLagMs: modifiedMs - createdMs }, nowMs);
}

/** The MT message an MO at index i answers: a recent earlier MT, or -1 (unsolicited). */
function repliedMtIndex(ctx: GeneratorContext, i: number, rng: Rng): number {
  let j = i - 1 - rng.int(48);
  for (let steps = 0; j >= 0 && steps < 64; steps++, j--) {
    if (ctx.isMo[j] === 0) return j;
  }
  return -1;
}

function buildMo(ctx: GeneratorContext, i: number, nowMs: number): GeneratedMessage {
  const rng = createRng(hash32(ctx.seed, i, SALT_MO));
  const target = rng.chance(0.85) ? repliedMtIndex(ctx, i, rng) : -1;
  let handset: Handset;
  let recipient: string;
  let inReplyTo: string | null = null;
  let campaignId: string | null = null;
  let routeId: string;
  if (target >= 0) {
    const mt = buildMt(ctx, target, Number.POSITIVE_INFINITY);
    handset = mt.handset;
    // Replies go to the number the MT came from; replies to an alphanumeric sender id are
    // routed by the platform to the account's virtual number for that country.
    recipient = /^\d+$/.test(mt.message.originator)
      ? mt.message.originator
      : virtualNumberFor(ctx, handset.country, rng);
    inReplyTo = mt.message.id;
    campaignId = mt.message.campaignId;
    routeId = mt.message.routeId;
  } else {
    handset = handsetAt(ctx.seed, pickHandsetIndex(rng.next(), ctx.handsetCount));
    recipient = virtualNumberFor(ctx, handset.country, rng);
    routeId = routeFor(ctx, rng);
  }
  const body = moBody(rng);
  const createdMs = ctx.created[i] ?? ctx.startMs;
  const lagMs = (1 + rng.int(3)) * 1000;
  const status = pickMoStatus(rng.next());
  const message: ApiMessage = {
    id: ctx.ids.encode(i),
    created: formatApiTimestamp(createdMs),
    modified: formatApiTimestamp(createdMs + lagMs),
    originator: handset.international,
    recipient,
    body,
    status,
    direction: "MO",
    inReplyTo,
    routeId,
    parts: smsParts(body),
    // Undocumented for MO; real exports show 0 or null, and never a currency.
    cost: rng.chance(0.7) ? 0 : null,
    currency: null,
    senderReference: null,
    campaignId,
  };
  return atTime(ctx, i, { handset, message, submitLagMs: lagMs }, nowMs);
}

/** Message i as it is at `nowMs` (+Infinity: final, exactly as generated before the clock). */
export function generateMessage(
  ctx: GeneratorContext,
  i: number,
  nowMs = Number.POSITIVE_INFINITY,
): GeneratedMessage {
  return ctx.isMo[i] === 1 ? buildMo(ctx, i, nowMs) : buildMt(ctx, i, nowMs);
}
