export const ROLES = ['clerk', 'protection', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];
