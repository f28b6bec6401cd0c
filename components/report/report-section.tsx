import type { ReactNode } from "react";

// A titled part of a report (by day, by status…), and the chart-beside-table layout.

export function ReportSection({
  id,
  title,
  className = "space-y-3",
  children,
}: {
  /** The heading's id, which names the section for assistive technology. */
  id: string;
  title: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A chart and its table side by side on wide screens, one above the other otherwise. */
export function SideBySide({ children }: { children: ReactNode }) {
  return <div className="grid items-start gap-3 xl:grid-cols-2">{children}</div>;
}
