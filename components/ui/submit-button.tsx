import type { ReactNode } from "react";
import { primaryButton } from "./form-styles";

/**
 * A form's submit button: disabled while the action runs (no double submit), and saying so
 * when `pendingLabel` is given.
 */
export function SubmitButton({
  pending,
  pendingLabel,
  className = primaryButton,
  children,
}: {
  pending: boolean;
  pendingLabel?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <button type="submit" disabled={pending} className={className}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
