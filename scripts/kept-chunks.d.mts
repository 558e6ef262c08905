export declare const KEEP_BUILDS: number;
export declare function keptChunks(
  files: string[],
  current: string[],
  recent: string[][],
): { remove: string[]; recent: string[][] };
