/**
 * The HTTP contract between the API and the web app: routes, request bodies, response views and
 * report shapes. Types only (plus the route table and a few closed value lists), built on the
 * domain's vocabulary; the domain itself never imports it.
 */
export * from './lib/api-types';
export * from './lib/request-types';
export * from './lib/endpoints';
export * from './lib/report-types';
export * from './lib/inbound-types';
export * from './lib/followup-types';
