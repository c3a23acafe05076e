package io.portend.boot.discovery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.portend.HostPort;
import io.portend.boot.PortTarget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Builds the targets of a {@link io.portend.boot.PortWatcher PortWatcher}: those configured in
 * {@code portend.wait-for}, then, with discovery, the servers the application connects to, which
 * {@code ConnectionDetails} beans or the {@code spring.*} connection settings name. The one
 * place where targets are made and checked, and discovery's entry point. A configured target
 * wins over a discovered one with its name or its address, and takes the discovered address of
 * its name when it gives none.
 */
public final class PortendTargets {

	private static final Log logger = LogFactory.getLog(PortendTargets.class);

	/**
	 * The names of the discovery sources, in the order they are discovered.
	 */
	public static final List<String> SOURCES = ConnectionDiscovery.SOURCES;

	private PortendTargets() {
	}

	/**
	 * Returns the configured targets.
	 * @param configured the entries of {@code portend.wait-for}, by name
	 * @return the targets, in order
	 * @throws InvalidConfigurationPropertyValueException naming the property of a target without
	 * a name or an address
	 */
	public static List<PortTarget> configured(Map<String, Configured> configured) {
		return build(configured, List.of());
	}

	/**
	 * Returns the configured targets followed by the discovered ones, logging one warning per
	 * source that cannot be read, and which targets were discovered.
	 * @param configured the entries of {@code portend.wait-for}, by name
	 * @param environment the application's environment, whose connection settings to read
	 * @param excludedSources the sources to leave out, from {@link #SOURCES}
	 * @param serviceConnections the service connections of the technologies on the class path
	 * @return the targets, in order
	 * @throws InvalidConfigurationPropertyValueException naming the property of a target without
	 * a name or an address
	 * @throws IllegalArgumentException if an excluded source is unknown
	 */
	public static List<PortTarget> discovered(Map<String, Configured> configured, Environment environment,
			Collection<String> excludedSources, List<ServiceConnection> serviceConnections) {
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(environment, excludedSources,
				serviceConnections);
		result.warnings().forEach(logger::warn);
		List<PortTarget> targets = build(configured, result.targets());
		Set<String> names = new HashSet<>();
		Set<HostPort> addresses = new HashSet<>();
		targets.forEach((target) -> {
			names.add(target.name());
			addresses.add(target.address());
		});
		List<String> added = new ArrayList<>();
		for (DiscoveredTarget target : result.targets()) {
			String description = target.name() + " (" + target.address() + ", from " + target.property() + ")";
			if (names.contains(target.name()) || addresses.contains(target.address())) {
				logger.debug("Discovered " + description + " is configured in portend.wait-for already");
			}
			else {
				targets.add(PortTarget.of(target.name(), target.address()));
				added.add(description);
			}
		}
		if (result.targets().isEmpty()) {
			logger.info("portend.discover found no server to wait for in the connection settings");
		}
		else if (!added.isEmpty()) {
			logger.info("Discovered " + String.join(", ", added));
		}
		return targets;
	}

	/**
	 * Returns names of sources trimmed and in lower case, checking that each is one of
	 * {@link #SOURCES}.
	 * @param names the names
	 * @return the names, in the order given
	 * @throws IllegalArgumentException naming the first name that is not a source
	 */
	public static Set<String> sourceNames(Collection<String> names) {
		return ConnectionDiscovery.sourceNames(names);
	}

	private static List<PortTarget> build(Map<String, Configured> configured, List<DiscoveredTarget> discovered) {
		List<PortTarget> targets = new ArrayList<>(configured.size());
		for (Map.Entry<String, Configured> entry : configured.entrySet()) {
			String name = entry.getKey();
			Configured target = entry.getValue();
			if (name.isBlank()) {
				throw new InvalidConfigurationPropertyValueException("portend.wait-for", name,
						"A target needs a name, such as database in portend.wait-for.database=localhost:5432.");
			}
			HostPort address = (target.address() != null) ? target.address() : discoveredAddress(name, discovered);
			if (address == null) {
				throw new InvalidConfigurationPropertyValueException("portend.wait-for." + name + ".address", null,
						"Target '" + name + "' has no address. Set it as portend.wait-for." + name
								+ "=host:port or portend.wait-for." + name + ".address=host:port.");
			}
			targets.add(new PortTarget(name, address, target.timeout(), target.required()));
		}
		return targets;
	}

	private static @Nullable HostPort discoveredAddress(String name, List<DiscoveredTarget> discovered) {
		for (DiscoveredTarget target : discovered) {
			if (target.name().equals(name)) {
				return target.address();
			}
		}
		return null;
	}

	/**
	 * A target as {@code portend.wait-for} configures it. Its durations are checked as they are
	 * bound.
	 *
	 * @param address its host and port, or {@code null} to take the discovered address of its
	 * name
	 * @param timeout its own deadline, or {@code null}
	 * @param required whether start-up fails without it
	 */
	public record Configured(@Nullable HostPort address, @Nullable Duration timeout, boolean required) {

	}

}
