/** V8 flags `warroom` restarts its database-opening commands with (see runtime-flags.js for why each). */
export declare const RUNTIME_FLAGS: readonly string[];
export declare const RUNTIME_ENV: Readonly<Record<string, string>>;
