// A route or campaign id in a report table, or the words for a record without one.
export function IdLabel({ id, none }: { id: string | null; none: string }) {
  if (id === null) return <span className="italic text-slate-700">{none}</span>;
  return <code className="break-all font-mono text-xs">{id}</code>;
}
