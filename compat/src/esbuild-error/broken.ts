// A syntax error on line 4 (esbuild reports the first one per file).
export function area(r: number): number {
  const pi = 3.14159;
  return pi * * r;
}
