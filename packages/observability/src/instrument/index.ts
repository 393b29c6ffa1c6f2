// Filled in by the instrument work; see the package README.
export {};
