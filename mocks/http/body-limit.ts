/**
 * The one place the mock's body caps are set (DESIGN.md Robustness: body size is capped). Every
 * listener reads bodies through node-server.ts with one of these; msw checks the same number.
 */

/** HTTP bodies on TCP (and in msw): OAuth forms and control-API JSON are far smaller. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The desktop Unix socket: what one frame of the real channel may carry (DESKTOP.md: "frames up
 * to 1 MB"), so the HTTP dialect and the raw envelope on that socket accept the same messages.
 */
export const MAX_FRAME_BYTES = 1024 * 1024;
