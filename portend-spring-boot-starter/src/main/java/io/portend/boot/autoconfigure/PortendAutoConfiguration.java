package io.portend.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portend.Checker;
import io.portend.HostResolver;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@link PortWatcher} of the targets in
 * {@code portend.wait-for}. Without targets, or with {@code portend.enabled=false}, there is no
 * watcher, and so nothing waits, checks or reports. A {@link HostResolver} bean, if there is
 * one, resolves the targets' hosts instead of the JVM.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "portend.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PortendProperties.class)
public final class PortendAutoConfiguration {

	@Bean
	@ConfigurationPropertiesBinding
	static PortendTargetConverter portendTargetConverter() {
		return new PortendTargetConverter();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnWaitForTargetsCondition.class)
	PortWatcher portWatcher(PortendProperties properties, ObjectProvider<HostResolver> resolver) {
		Checker checker = new Checker(properties.getConnectTimeout()).withPollInterval(properties.getPollInterval());
		HostResolver customResolver = resolver.getIfUnique();
		if (customResolver != null) {
			checker = checker.withResolver(customResolver);
		}
		return new PortWatcher(checker, targets(properties.getWaitFor()));
	}

	private static List<PortTarget> targets(Map<String, PortendProperties.Target> waitFor) {
		List<PortTarget> targets = new ArrayList<>(waitFor.size());
		waitFor.forEach((name, target) -> {
			if (name.isBlank()) {
				throw new InvalidConfigurationPropertyValueException("portend.wait-for", name,
						"A target needs a name, such as database in portend.wait-for.database=localhost:5432.");
			}
			if (target.getAddress() == null) {
				throw new InvalidConfigurationPropertyValueException("portend.wait-for." + name + ".address", null,
						"Target '" + name + "' has no address. Set it as portend.wait-for." + name
								+ "=host:port or portend.wait-for." + name + ".address=host:port.");
			}
			targets.add(new PortTarget(name, target.getAddress(), target.getTimeout(), target.isRequired()));
		});
		return targets;
	}

}
