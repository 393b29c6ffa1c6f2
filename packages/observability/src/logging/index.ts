// Filled in by the logging work; see the package README.
export {};
