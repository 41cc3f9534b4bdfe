// Test code reads JSON answers loosely; assertions check their shape.
declare global {
  interface Response {
    json(): Promise<any>;
  }
}

export {};
