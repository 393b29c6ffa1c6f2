// Filled in by the metrics work; see the package README.
export {};
