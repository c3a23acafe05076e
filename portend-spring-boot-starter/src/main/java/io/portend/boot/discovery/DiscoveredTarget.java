package io.portend.boot.discovery;

import io.portend.HostPort;

/**
 * A server that the application's own Spring Boot settings connect to, found by
 * {@link ConnectionDiscovery}. It holds no credentials: only where the address was read and
 * the address itself.
 *
 * @param name the target's name: the source's name, or {@code source-1}, {@code source-2}…
 * when the source lists several servers
 * @param source the source: {@code datasource}, {@code r2dbc}, {@code redis},
 * {@code rabbitmq}, {@code kafka}, {@code mongodb}, {@code elasticsearch} or
 * {@code cassandra}
 * @param property the Spring Boot property the address was read from, such as
 * {@code spring.datasource.url}, or the {@code ConnectionDetails} bean it was read from
 * @param address the host and port
 */
record DiscoveredTarget(String name, String source, String property, HostPort address) {

}
