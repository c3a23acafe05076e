package io.portend.boot.discovery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.portend.HostPort;
import io.portend.boot.discovery.ConnectionSettings.Located;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Finds the servers an application connects to in its own Spring Boot settings:
 * {@code spring.datasource.url}, {@code spring.r2dbc.url}, {@code spring.data.redis.*},
 * {@code spring.rabbitmq.*}, {@code spring.kafka.*bootstrap-servers},
 * {@code spring.mongodb.*}, {@code spring.elasticsearch.uris} and
 * {@code spring.cassandra.*}. The addresses agree with those Spring Boot connects to: same
 * precedence ({@code url} over {@code host} and {@code port}) and same defaults.
 *
 * <p>A technology is discovered only when one of its address properties is set. Embedded
 * databases have no address. Settings that can't be read, or whose servers are only known at
 * connection time ({@code mongodb+srv}, TNS aliases, named SQL Server instances without a
 * port), give a warning instead of targets; no warning quotes a value, which may hold
 * credentials. Where the application has a {@code ConnectionDetails} bean of its own for a
 * technology, that bean's servers are discovered instead of the settings', as Spring Boot then
 * connects there.
 */
final class ConnectionDiscovery {

	/**
	 * The names of the sources, in the order they are discovered.
	 */
	static final List<String> SOURCES = Arrays.stream(ConnectionSource.values())
		.map(ConnectionSource::sourceName)
		.toList();

	private ConnectionDiscovery() {
	}

	/**
	 * Discovers the servers that an environment's settings connect to.
	 * @param environment the application's environment, a {@code ConfigurableEnvironment}
	 * @param excludedSources names of sources to leave out, from {@link #SOURCES}
	 * @return the targets and the warnings about settings that gave none
	 * @throws IllegalArgumentException if an excluded source is not one of {@link #SOURCES}
	 */
	static Result discover(Environment environment, Collection<String> excludedSources) {
		return discover(environment, excludedSources, List.of());
	}

	/**
	 * Discovers the servers the application connects to: for each source, where its
	 * {@code ConnectionDetails} bean says, or else where its settings say.
	 * @param environment the application's environment, a {@code ConfigurableEnvironment}
	 * @param excludedSources names of sources to leave out, from {@link #SOURCES}
	 * @param serviceConnections the service connections of the technologies on the class path
	 * @return the targets and the warnings about settings that gave none
	 * @throws IllegalArgumentException if an excluded source is not one of {@link #SOURCES}
	 */
	static Result discover(Environment environment, Collection<String> excludedSources,
			List<ServiceConnection> serviceConnections) {
		Set<String> excluded = sourceNames(excludedSources);
		ConnectionSettings settings = new ConnectionSettings(Binder.get(environment));
		List<DiscoveredTarget> targets = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		for (ConnectionSource source : ConnectionSource.values()) {
			if (excluded.contains(source.sourceName())) {
				continue;
			}
			try {
				List<Located> located = fromServiceConnection(source.sourceName(), serviceConnections);
				targets.addAll(named(source.sourceName(), (located != null) ? located : source.locate(settings)));
			}
			catch (UndiscoverableException ex) {
				warnings.add("Not waiting for " + source.sourceName() + ": " + ex.getMessage() + ". Fix the property, "
						+ "or exclude the source with portend.discover-exclude=" + source.sourceName() + ".");
			}
			catch (RuntimeException ex) {
				// Never the exception's message: it may quote a value
				warnings.add("Not waiting for " + source.sourceName() + ": its settings could not be read ("
						+ ex.getClass().getName() + ").");
			}
		}
		return new Result(List.copyOf(targets), List.copyOf(warnings));
	}

	/**
	 * Returns what the service connection of a source names, or {@code null} when the
	 * application has no {@code ConnectionDetails} bean of its own for it.
	 */
	private static @Nullable List<Located> fromServiceConnection(String source,
			List<ServiceConnection> serviceConnections) {
		for (ServiceConnection connection : serviceConnections) {
			if (connection.source().equals(source)) {
				List<HostPort> addresses = connection.addresses();
				if (addresses != null) {
					return addresses.stream().map((address) -> new Located(connection.description(), address)).toList();
				}
			}
		}
		return null;
	}

	/**
	 * Returns names of sources trimmed and in lower case, checking that each is one of
	 * {@link #SOURCES}.
	 * @param names the names
	 * @return the names, in the order given
	 * @throws IllegalArgumentException naming the first name that is not a source
	 */
	static Set<String> sourceNames(Collection<String> names) {
		Set<String> sources = new LinkedHashSet<>();
		for (String name : names) {
			String source = name.trim().toLowerCase(Locale.ROOT);
			if (!SOURCES.contains(source)) {
				throw new IllegalArgumentException("Unknown source '" + name.trim() + "' to exclude from discovery; "
						+ "the sources are " + String.join(", ", SOURCES) + ".");
			}
			sources.add(source);
		}
		return sources;
	}

	/**
	 * Names a source's targets after it, numbered from 1 when there are several; an address
	 * listed twice is one target.
	 */
	private static List<DiscoveredTarget> named(String source, List<Located> located) {
		Map<HostPort, Located> distinct = new LinkedHashMap<>();
		located.forEach((found) -> distinct.putIfAbsent(found.address(), found));
		List<DiscoveredTarget> targets = new ArrayList<>();
		int number = 1;
		for (Located found : distinct.values()) {
			String name = (distinct.size() == 1) ? source : source + "-" + number++;
			targets.add(new DiscoveredTarget(name, source, found.property(), found.address()));
		}
		return targets;
	}

	/**
	 * What discovery found.
	 *
	 * @param targets the servers, in the order of {@link #SOURCES}, then as the settings list
	 * them
	 * @param warnings one line per source whose settings gave no targets although they are
	 * set, naming the property and the reason, never quoting its value
	 */
	record Result(List<DiscoveredTarget> targets, List<String> warnings) {

	}

}
