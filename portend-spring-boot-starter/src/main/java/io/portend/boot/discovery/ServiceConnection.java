package io.portend.boot.discovery;

import java.util.List;

import io.portend.HostPort;
import org.jspecify.annotations.Nullable;

/**
 * Where one technology's Spring Boot {@code ConnectionDetails} bean says its servers are. Docker
 * Compose support, Testcontainers' {@code @ServiceConnection} or the application itself publish
 * such a bean, and Spring Boot then connects there and ignores the {@code spring.*} properties;
 * discovery then does the same.
 */
public interface ServiceConnection {

	/**
	 * Returns the discovery source this bean stands for: {@code datasource}, {@code redis}…
	 * @return the source's name
	 */
	String source();

	/**
	 * Returns the servers the application's {@code ConnectionDetails} bean names, read as
	 * Spring Boot reads them.
	 * @return the addresses, or {@code null} when the application has no such bean of its own
	 * (only Spring Boot's, which reads the properties)
	 * @throws RuntimeException if the bean names no server portend can check; its message never
	 * quotes a value
	 */
	@Nullable List<HostPort> addresses();

	/**
	 * Describes the bean, for the log: {@code JdbcConnectionDetails bean 'database'}.
	 * @return the description
	 */
	String description();

}
