// Statuses whose answer has no body whatever its headers say (RFC 9110): nothing to decode,
// nothing to record. Its own file: the recorder imports it in every engine, without the
// client's node:http, node:zlib and node:stream.
export const NO_BODY: ReadonlySet<number> = new Set([101, 204, 205, 304]);
