import { AUDIT_ACTIONS } from "@/lib/audit/action-names";
import { AUDIT_PAGE_SIZES, type AuditQuery } from "@/lib/audit/filters";
import { inputClass, labelClass, primaryButton } from "@/components/ui/form-styles";

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
      <InputField name="actor" label="Actor email contains" value={query.actor} wide="w-56" />
      <InputField name="from" label="From (day)" value={query.from} type="date" />
      <InputField name="to" label="To (day, inclusive)" value={query.to} type="date" />
      <InputField name="tz" label="Time zone" value={query.tz ?? "UTC"} wide="w-44" />
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

function InputField({
  name,
  label,
  value,
  type,
  wide = "",
}: {
  name: string;
  label: string;
  value: string | undefined;
  type?: "date";
  wide?: string;
}) {
  const id = `audit-${name}`;
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value ?? ""}
        className={`${inputClass} ${wide}`.trim()}
      />
    </div>
  );
}
