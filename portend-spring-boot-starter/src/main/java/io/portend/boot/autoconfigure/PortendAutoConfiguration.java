package io.portend.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portend.Checker;
import io.portend.HostPort;
import io.portend.HostResolver;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;
import io.portend.boot.discovery.DiscoveredTarget;
import io.portend.boot.discovery.DiscoveredTargets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@link PortWatcher} of the targets in
 * {@code portend.wait-for} and, with {@code portend.discover=true}, of the servers that the
 * application's own connection settings name. Without targets or discovery, or with
 * {@code portend.enabled=false}, there is no watcher, and so nothing waits, checks or reports.
 * A {@link HostResolver} bean, if there is one, resolves the targets' hosts instead of the JVM.
 */
@AutoConfiguration
// Not @ConditionalOnBooleanProperty: it would read "portend.enabled=maybe" as false and switch
// portend off silently; this matches any value but "false", and binding then explains a bad one.
@ConditionalOnProperty(name = "portend.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PortendProperties.class)
public final class PortendAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnWaitForTargetsCondition.class)
	PortWatcher portendWatcher(PortendProperties properties, ObjectProvider<HostResolver> resolver,
			Environment environment) {
		Checker checker = new Checker(properties.getConnectTimeout()).withPollInterval(properties.getPollInterval());
		HostResolver customResolver = resolver.getIfUnique();
		if (customResolver != null) {
			checker = checker.withResolver(customResolver);
		}
		if (!properties.isDiscover()) {
			return new PortWatcher(checker, targets(properties.getWaitFor(), List.of()));
		}
		List<DiscoveredTarget> discovered = DiscoveredTargets.discover(environment, properties.getDiscoverExclude());
		return new PortWatcher(checker,
				DiscoveredTargets.join(targets(properties.getWaitFor(), discovered), discovered));
	}

	private static List<PortTarget> targets(Map<String, PortendProperties.Target> waitFor,
			List<DiscoveredTarget> discovered) {
		List<PortTarget> targets = new ArrayList<>(waitFor.size());
		for (Map.Entry<String, PortendProperties.Target> entry : waitFor.entrySet()) {
			String name = entry.getKey();
			PortendProperties.Target target = entry.getValue();
			if (name.isBlank()) {
				throw new InvalidConfigurationPropertyValueException("portend.wait-for", name,
						"A target needs a name, such as database in portend.wait-for.database=localhost:5432.");
			}
			HostPort address = (target.getAddress() != null) ? target.getAddress()
					: DiscoveredTargets.address(name, discovered);
			if (address == null) {
				throw new InvalidConfigurationPropertyValueException("portend.wait-for." + name + ".address", null,
						"Target '" + name + "' has no address. Set it as portend.wait-for." + name
								+ "=host:port or portend.wait-for." + name + ".address=host:port.");
			}
			targets.add(new PortTarget(name, address, target.getTimeout(), target.isRequired()));
		}
		return targets;
	}

}
