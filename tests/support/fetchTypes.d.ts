// Test code reads JSON answers loosely; assertions check their shape.
declare global {
  interface Response {
    // biome-ignore lint/suspicious/noExplicitAny: test-only convenience
    json(): Promise<any>;
  }
}
export {};
