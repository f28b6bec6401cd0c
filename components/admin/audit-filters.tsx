import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { AUDIT_PAGE_SIZES, type AuditQuery } from "@/lib/audit/filters";
import { inputClass, labelClass, primaryButton } from "./styles";

/** A plain GET form: the filters live in the URL (shareable, back button works), no script needed. */
export function AuditFilters({ query }: { query: Partial<AuditQuery> }) {
  return (
    <form
      method="get"
      action="/admin/audit"
      className="flex flex-wrap items-end gap-3"
      aria-label="Filter the audit log"
    >
      <div>
        <label htmlFor="audit-action" className={labelClass}>
          Action
        </label>
        <select
          id="audit-action"
          name="action"
          defaultValue={query.action ?? ""}
          className={inputClass}
        >
          <option value="">All actions</option>
          {Object.entries(AUDIT_ACTIONS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-actor" className={labelClass}>
          Actor email contains
        </label>
        <input
          id="audit-actor"
          name="actor"
          defaultValue={query.actor ?? ""}
          className={`${inputClass} w-56`}
        />
      </div>
      <div>
        <label htmlFor="audit-from" className={labelClass}>
          From (day)
        </label>
        <input
          id="audit-from"
          name="from"
          type="date"
          defaultValue={query.from ?? ""}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="audit-to" className={labelClass}>
          To (day, inclusive)
        </label>
        <input
          id="audit-to"
          name="to"
          type="date"
          defaultValue={query.to ?? ""}
          className={inputClass}
        />
      </div>
      <div>
        <label htmlFor="audit-tz" className={labelClass}>
          Time zone
        </label>
        <input
          id="audit-tz"
          name="tz"
          defaultValue={query.tz ?? "UTC"}
          className={`${inputClass} w-44`}
        />
      </div>
      <div>
        <label htmlFor="audit-size" className={labelClass}>
          Per page
        </label>
        <select
          id="audit-size"
          name="pageSize"
          defaultValue={String(query.pageSize ?? 50)}
          className={inputClass}
        >
          {AUDIT_PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={primaryButton}>
        Apply
      </button>
    </form>
  );
}
