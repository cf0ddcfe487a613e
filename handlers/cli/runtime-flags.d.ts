/** V8 flags `warroom` restarts its database-opening commands with (see runtime-flags.js for why each). */
export declare const RUNTIME_FLAGS: readonly string[];
/** The runtime flags this process was not started with. */
export declare function missingRuntimeFlags(): string[];
export declare const RUNTIME_ENV: Readonly<Record<string, string>>;
