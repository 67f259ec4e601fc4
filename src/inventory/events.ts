// Events the inventory emits, for the modules that react to hosts (advisory matching, remediation…).
declare module '../core/events.js' {
  interface StewardEvents {
    /** After a report committed. `packagesChanged` is false for a report that repeated what was known. */
    'inventory.hostReported': { hostId: number; packagesChanged: boolean; at: string };
    /** After hosts were marked absent because they stopped reporting. */
    'inventory.hostsAbsent': { hostIds: number[]; at: string };
  }
}
export {};
