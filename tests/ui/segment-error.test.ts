import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { errorDigest, SegmentError, segmentErrorBoundary } from "@/components/ui/segment-error";

// What a page shows when rendering it threw: words, Try again, the digest for support, and
// never the error's own message or stack.

const noop = () => {};
const thrown = Object.assign(new Error("secret internals at /srv/app/lib/x.ts:12"), {
  digest: "3141592653",
});

const render = (error: unknown, way?: { href: string; label: string }) =>
  renderToStaticMarkup(
    createElement(SegmentError, { error, retry: noop, reset: noop, what: "The spend page", way }),
  );

describe("SegmentError", () => {
  it("says what could not be shown, offers Try again and gives the digest", () => {
    const html = render(thrown, { href: "/spend", label: "Reset the filters" });
    expect(html).toContain("The spend page could not be shown.");
    expect(html).toContain(">Try again</button>");
    expect(html).toContain('<code data-testid="error-digest">3141592653</code>');
    expect(html).toContain('href="/spend"');
    expect(html).toContain("Reset the filters");
  });

  it("never shows the error's message or stack", () => {
    const html = render(thrown);
    expect(html).not.toContain("secret internals");
    expect(html).not.toContain(String(thrown.stack?.split("\n")[1]?.trim()));
  });

  it("leaves the reference out when there is no digest (an error in the browser)", () => {
    const html = render(new Error("x"));
    expect(html).not.toContain("Reference for support");
    expect(html).not.toContain("reference below");
  });

  it.each([
    [thrown, "3141592653"],
    [{ digest: "" }, undefined],
    [{ digest: 12 }, undefined],
    ["a string was thrown", undefined],
    [null, undefined],
  ])("errorDigest(%j) = %s", (error, digest) => {
    expect(errorDigest(error)).toBe(digest);
  });
});

describe("segmentErrorBoundary", () => {
  it("makes an error.tsx that offers the page with its default filters", () => {
    const Boundary = segmentErrorBoundary("The messages page", "/messages");
    const html = renderToStaticMarkup(
      createElement(Boundary, { error: thrown, retry: noop, reset: noop }),
    );
    expect(html).toContain("The messages page could not be shown.");
    expect(html).toMatch(/<a [^>]*href="\/messages"[^>]*>Reset the filters<\/a>/);
  });

  it("offers no reset link where there are no filters", () => {
    const Boundary = segmentErrorBoundary("The settings page");
    const html = renderToStaticMarkup(
      createElement(Boundary, { error: thrown, retry: noop, reset: noop }),
    );
    expect(html).not.toContain("Reset the filters");
    expect(html).toContain(">Try again</button>");
  });
});
