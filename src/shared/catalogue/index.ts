export * from './tiers';
export * from './choices';
export * from './fields';
export * from './mismatch';
export * from './specific-needs';
export * from './codes';
