/** Types of index.js for the TypeScript side (src/metrics/round.ts). */
export function round1(x: number): number;
