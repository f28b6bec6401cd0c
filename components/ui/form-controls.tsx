import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import {
  cardClass,
  codeInputClass,
  hintClass,
  inputClass,
  labelClass,
  largeInputClass,
  largeLabelClass,
  primaryButton,
} from "./form-styles";

type Look = "normal" | "code" | "large";

const INPUT: Record<Look, string> = {
  normal: inputClass,
  code: codeInputClass,
  large: largeInputClass,
};

/** A label above any control (a select, a group of inputs) whose id is `id`. */
export function Field({
  id,
  label,
  large = false,
  children,
}: {
  id: string;
  label: ReactNode;
  large?: boolean;
  children: ReactNode;
}) {
  return (
    // max-w-full: a select as wide as its longest option stays within a phone's width.
    <div className="max-w-full">
      <label htmlFor={id} className={large ? largeLabelClass : labelClass}>
        {label}
      </label>
      {children}
    </div>
  );
}

export type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  id: string;
  label: ReactNode;
  look?: Look;
  /** Words under the input (`${id}-hint`), read out with it. */
  hint?: ReactNode;
  /** This field's refusal (`${id}-error`): shown under it, read out with it, marks it invalid. */
  error?: ReactNode;
  /** Marks the value invalid when the form shows one error for all its fields. */
  invalid?: boolean;
};

/**
 * One labelled text input with its hint and error wired by id, so a screen reader reads them
 * with the input and the invalid state shows the same way in every form. `className` adds to
 * the look's classes (a width); `aria-describedby` adds to the hint and error ids.
 */
export function TextField({
  id,
  label,
  look = "normal",
  hint,
  error,
  invalid = false,
  className,
  "aria-describedby": describedBy,
  ...input
}: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedByAll = [describedBy, hintId, errorId].filter(Boolean).join(" ");
  return (
    <Field id={id} label={label} large={look === "large"}>
      <input
        {...input}
        id={id}
        aria-invalid={error || invalid ? true : undefined}
        aria-describedby={describedByAll || undefined}
        className={className ? `${INPUT[look]} ${className}` : INPUT[look]}
      />
      {hint && (
        <p id={hintId} className={hintClass}>
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </Field>
  );
}

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

/** A card holding one form, titled by its heading (a landmark region named by the title). */
export function FormCard({ title, children }: { title: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={cardClass}>
      <h2 id={id} className="text-base font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}
