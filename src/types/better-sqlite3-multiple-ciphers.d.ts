// better-sqlite3-multiple-ciphers ships better-sqlite3's type definitions, but its package.json
// "exports" hides them from TypeScript. Its API is better-sqlite3's, so borrow those types.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  export = Database;
}
