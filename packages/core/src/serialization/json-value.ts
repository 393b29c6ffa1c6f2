/** A value the codec accepts back out of every store: what `JSON.parse` produces. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A JSON object, as event data and snapshot state usually are. */
export type JsonObject = { readonly [key: string]: JsonValue };
