#!/bin/bash
# Runs once, when the postgres image initialises an empty data volume: the two roles of README
# "Roles in PostgreSQL". poems_owner owns the database and runs the migrations; poems_api, a member
# of poems_runtime, is what the API connects as: it owns nothing and is no superuser, so it cannot
# rewrite the audit trail. Passwords arrive as psql variables, never spliced into SQL text.
set -euo pipefail

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="${POEMS_OWNER_PASSWORD:?}" \
  -v api_password="${POEMS_API_PASSWORD:?}" <<'SQL'
CREATE ROLE poems_runtime NOLOGIN;
CREATE ROLE poems_owner LOGIN PASSWORD :'owner_password';
CREATE ROLE poems_api LOGIN PASSWORD :'api_password' IN ROLE poems_runtime;
CREATE DATABASE poems OWNER poems_owner;
SQL
