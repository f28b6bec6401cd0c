"use client";

import { useMemo } from "react";
import { listTimeZones, zoneLabel } from "@/lib/time/zones";
import { useHydrated } from "@/components/ui/use-hydrated";
import { SelectField } from "./select-field";

export function TimeZoneSelect({ tz, onChange }: { tz: string; onChange: (tz: string) => void }) {
  const hydrated = useHydrated();
  const options = useMemo(() => {
    // Node and the browser know different zone lists: until hydrated, offer only the current one.
    if (!hydrated) return [{ value: tz, label: zoneLabel(tz) }];
    const zones = listTimeZones();
    const all = zones.includes(tz) ? zones : [tz, ...zones];
    return all.map((z) => ({ value: z, label: zoneLabel(z) }));
  }, [tz, hydrated]);
  return (
    <SelectField
      label="Time zone"
      name="tz"
      value={tz}
      options={options}
      onChange={onChange}
      className="w-72"
    />
  );
}
