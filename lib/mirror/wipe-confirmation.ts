/** The word the wipe form asks to be typed, so a slip of the mouse wipes nothing. */
export const WIPE_CONFIRMATION = "wipe";
