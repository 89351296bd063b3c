/** `14:05 UTC`: the quota resets on Jira's clock, and the issue panel says the same. */
export const utcTime = (iso: string): string => `${new Date(iso).toISOString().slice(11, 16)} UTC`;
