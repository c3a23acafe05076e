/**
 * Demo scaffolding, not part of the application: an H2 database server that the sample starts
 * itself a few seconds late, playing the database container that is not up yet when the service
 * starts. {@code sample.demo-database.enabled=false} switches it off; the application then uses
 * whatever database {@code spring.datasource.url} names.
 */
package io.portend.sample.demo;
