"use client";

import { useMemo } from "react";
import { listTimeZones, zoneLabel } from "@/lib/time/zones";
import { SelectField } from "./select-field";

export function TimeZoneSelect({ tz, onChange }: { tz: string; onChange: (tz: string) => void }) {
  const options = useMemo(() => {
    const zones = listTimeZones();
    const all = zones.includes(tz) ? zones : [tz, ...zones];
    return all.map((z) => ({ value: z, label: zoneLabel(z) }));
  }, [tz]);
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
