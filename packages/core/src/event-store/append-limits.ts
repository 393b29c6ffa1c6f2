/** The most events one `save` call may append, in every store. */
export const MAX_EVENTS_PER_APPEND = 10_000;

/** The most UTF-8 bytes of encoded event data one `save` call may append (16 MiB), in every store. */
export const MAX_APPEND_BYTES = 16 * 1024 * 1024;

/** The longest stream id, in characters. */
export const MAX_STREAM_ID_LENGTH = 200;
