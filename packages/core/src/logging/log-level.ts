/** How severe a log entry is, from the least to the most: `debug`, `info`, `warn`, `error`. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
