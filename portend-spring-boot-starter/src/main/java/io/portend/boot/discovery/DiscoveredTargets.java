package io.portend.boot.discovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.portend.HostPort;
import io.portend.boot.PortTarget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.env.Environment;

/**
 * Turns what {@link ConnectionDiscovery} finds into the targets of a
 * {@link io.portend.boot.PortWatcher PortWatcher}, after those configured in
 * {@code portend.wait-for}, which win: a discovered target is left out when a configured one
 * has its name or its address.
 */
public final class DiscoveredTargets {

	private static final Log logger = LogFactory.getLog(DiscoveredTargets.class);

	private DiscoveredTargets() {
	}

	/**
	 * Discovers the servers of an environment's connection settings, logging one warning per
	 * source whose settings can't be read.
	 * @param environment the application's environment
	 * @param excludedSources the sources to leave out
	 * @return the discovered targets
	 * @throws IllegalArgumentException if an excluded source is unknown
	 */
	public static List<DiscoveredTarget> discover(Environment environment, Collection<String> excludedSources) {
		ConnectionDiscovery.Result result = ConnectionDiscovery.discover(environment, excludedSources);
		result.warnings().forEach(logger::warn);
		return result.targets();
	}

	/**
	 * Returns the address of the discovered target with a name, for a configured target that
	 * gives no address of its own.
	 * @param name the name
	 * @param discovered the discovered targets
	 * @return the address, or {@code null} if no discovered target has that name
	 */
	public static HostPort address(String name, List<DiscoveredTarget> discovered) {
		return discovered.stream()
			.filter((target) -> target.name().equals(name))
			.map(DiscoveredTarget::address)
			.findFirst()
			.orElse(null);
	}

	/**
	 * Returns the configured targets followed by the discovered targets whose name and address
	 * no configured target has, logging which were discovered.
	 * @param configured the targets of {@code portend.wait-for}
	 * @param discovered the discovered targets
	 * @return all targets
	 */
	public static List<PortTarget> join(List<PortTarget> configured, List<DiscoveredTarget> discovered) {
		Set<String> names = new HashSet<>();
		Set<HostPort> addresses = new HashSet<>();
		configured.forEach((target) -> {
			names.add(target.name());
			addresses.add(target.address());
		});
		List<PortTarget> targets = new ArrayList<>(configured);
		List<String> added = new ArrayList<>();
		for (DiscoveredTarget target : discovered) {
			if (names.contains(target.name()) || addresses.contains(target.address())) {
				logger.debug("Discovered " + target.name() + " (" + target.address() + ", from " + target.property()
						+ ") is configured in portend.wait-for already");
			}
			else {
				targets.add(PortTarget.of(target.name(), target.address()));
				added.add(target.name() + " (" + target.address() + ", from " + target.property() + ")");
			}
		}
		if (discovered.isEmpty()) {
			logger.info("portend.discover found no server to wait for in the connection settings");
		}
		else if (!added.isEmpty()) {
			logger.info("Discovered " + String.join(", ", added));
		}
		return targets;
	}

}
