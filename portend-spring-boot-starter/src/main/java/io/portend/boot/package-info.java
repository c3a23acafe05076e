/**
 * Watching TCP ports for Spring Boot applications: the {@link io.portend.boot.PortWatcher}, free of
 * Spring, and the values it reports.
 */
@NullMarked
package io.portend.boot;

import org.jspecify.annotations.NullMarked;
