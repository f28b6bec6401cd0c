// Caps on what one request may carry, enforced in proxy.ts before any page, route or action
// parses anything (issue 8: a 128 kB search value froze the server). No server-only import:
// proxy.ts bundles this file.

/**
 * Longest path + query string accepted (characters of the URL as sent, percent-encoded).
 * The longest link a person makes here (a search with every status, 200 characters of text,
 * a campaign and a route) is under 2 KiB; 8 KiB leaves room and stays under Node's 16 KiB
 * limit for the whole request head.
 */
export const MAX_URL_LENGTH = 8 * 1024;

/**
 * Largest request body (bytes). Bodies here are server actions with a few filters or one small
 * form (a user, an API key, an opt-out): a few hundred bytes. next.config.mjs sets the same
 * value as `serverActions.bodySizeLimit` for bodies sent without a Content-Length.
 */
export const MAX_BODY_BYTES = 64 * 1024;

export interface SizeRefusal {
  status: 411 | 413 | 414;
  /** Words for the person who sent it. */
  message: string;
  /** A heading for the plain page shown when a page (not an API or action) was asked for. */
  title: string;
}

/** Why this request is too big to read, or null. Looks only at the URL and the headers. */
export function requestSizeRefusal(
  url: { pathname: string; search: string },
  headers: Headers,
): SizeRefusal | null {
  if (url.pathname.length + url.search.length > MAX_URL_LENGTH) {
    return {
      status: 414,
      title: "This link is too long",
      message:
        `This link is too long: its address has more than ${MAX_URL_LENGTH / 1024} KiB of ` +
        "filters, far more than any search needs. Open the page from the menu and set the " +
        "filters again.",
    };
  }
  const declared = headers.get("content-length");
  if (declared !== null && Number(declared) > MAX_BODY_BYTES) {
    return {
      status: 413,
      title: "This request is too large",
      message:
        `This request is too large: at most ${MAX_BODY_BYTES / 1024} KiB can be sent, far more ` +
        "than any form here needs. Shorten what you entered and try again.",
    };
  }
  // A body without a declared length (chunked): browsers never send one (a form or a server
  // action call always has a Content-Length), and Next.js answers an over-long one with a 500
  // (its body limit error is not mapped to 413 for action calls), so ask for the length.
  if (declared === null && headers.has("transfer-encoding")) {
    return {
      status: 411,
      title: "This request has no length",
      message:
        "This request has no Content-Length: send the body with its length (at most " +
        `${MAX_BODY_BYTES / 1024} KiB).`,
    };
  }
  return null;
}
