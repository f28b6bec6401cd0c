// What a message id looks like, for refusing a pasted or typed one before asking the API.
// Mobivate's ids are 32 hex digits; the rule is looser (letters and digits, 8–64) so an id of
// another form the API may use one day still reaches it, while text that cannot be an id
// (spaces, punctuation, a URL) is refused at once with this hint.

const MESSAGE_ID = /^[\da-z]{8,64}$/i;

export const MESSAGE_ID_HINT =
  "A message id is letters and digits, e.g. 9A0C23DD0A000A9D2FBD4671D780AFDA.";

/** Whether `value` (trimmed) could be a message id. */
export function isMessageIdShape(value: string): boolean {
  return MESSAGE_ID.test(value.trim());
}
