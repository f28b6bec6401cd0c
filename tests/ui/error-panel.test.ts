import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ERROR_TITLES, ErrorPanel } from "@/components/ui/error-panel";
import { signedOut } from "@/lib/errors/dashboard";
import { DASHBOARD_ERROR_KINDS, ERROR_KINDS, PROVIDER_ERROR_KINDS } from "@/lib/errors/kinds";
import { describeError, MobivateError } from "@/lib/mobivate/errors";
import type { ApiErrorInfo } from "@/lib/errors/kinds";

// The error panel heads each kind with words for the person who sees it, naming who refused
// or failed: the dashboard's own kinds never mention Mobivate, the provider's always do.

const render = (error: ApiErrorInfo, onRetry?: () => void) =>
  renderToStaticMarkup(createElement(ErrorPanel, { error, onRetry }));

describe("ErrorPanel", () => {
  it.each(ERROR_KINDS)("heads %s with its own words", (kind) => {
    const html = render({ kind, message: "What happened." });
    expect(html).toContain(
      `<p class="font-semibold">${ERROR_TITLES[kind].replace(/'/g, "&#x27;")}</p>`,
    );
    expect(html).toContain("What happened.");
  });

  it("gives every kind a different heading", () => {
    expect(new Set(Object.values(ERROR_TITLES)).size).toBe(ERROR_KINDS.length);
  });

  it("names Mobivate for the provider's kinds only", () => {
    for (const kind of DASHBOARD_ERROR_KINDS) expect(ERROR_TITLES[kind]).not.toMatch(/Mobivate/);
    for (const kind of PROVIDER_ERROR_KINDS.filter((k) => k !== "not-found")) {
      expect(ERROR_TITLES[kind]).toMatch(/Mobivate/);
    }
  });

  it("offers to sign in again, not to try again, when the session ended", () => {
    const html = render(signedOut(), () => {});
    expect(html).toContain("Your session has ended");
    expect(html).toContain('href="/login"');
    expect(html).toContain("Sign in again");
    expect(html).not.toContain("Try again</button>");
    expect(html).not.toMatch(/API key/);
  });

  it("offers Try again for the rest, and words a rejected key for the reader's role", () => {
    const rejected = new MobivateError("key-rejected", "401", { status: 401 });
    const admin = render(describeError(rejected, { canManageSettings: true }), () => {});
    expect(admin).toContain("Mobivate rejected the API key");
    expect(admin).toContain("Enter a valid key in Settings");
    expect(admin).toContain("Try again</button>");
    const other = render(describeError(rejected, { canManageSettings: false }));
    expect(other).toContain("ask an admin");
    expect(other).not.toContain("Enter a valid key");
  });

  it("keeps an error's own heading", () => {
    expect(
      render({ kind: "bad-request", title: "These filters cannot be used", message: "x" }),
    ).toContain("These filters cannot be used");
  });
});
