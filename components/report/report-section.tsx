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
  // min-w-0: a grid item is otherwise as wide as its widest content (a table), and on a
  // narrow screen that widens the page instead of letting the table's own box scroll.
  return <div className="grid items-start gap-3 xl:grid-cols-2 [&>*]:min-w-0">{children}</div>;
}
