import "server-only";
import { getDb, type Db } from "@/lib/db";
import type { AnswerSource } from "@/lib/mirror/answer-source";
import type { ReadInfo } from "./protocol";

// A report answered from the local copy: the database's time instead of pages read, never
// kept in the server's cache (it is cheap, and the copy moves on with every sync).

export async function answerFromMirror<Summary>(
  source: Extract<AnswerSource, { kind: "mirror" }>,
  compute: (db: Db) => Promise<Summary>,
): Promise<{ summary: Summary; read: ReadInfo }> {
  const started = Date.now();
  const summary = await compute(await getDb());
  const readAt = Date.now();
  return {
    summary,
    read: { pages: 0, elapsedMs: readAt - started, readAt, cached: false, source },
  };
}
