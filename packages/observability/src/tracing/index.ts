// Filled in by the tracing work; see the package README.
export {};
