package io.portend.boot.autoconfigure;

import io.portend.boot.discovery.PortendTargets;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains a value of a {@code portend.*} property that cannot be bound: which property, its
 * value and origin, what is wrong with it, and the form it should take. Runs before Spring Boot's
 * own analyzer of binding failures, whose advice is general.
 */
class PortendPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final ConfigurationPropertyName PORTEND = ConfigurationPropertyName.of("portend");

	private static final ConfigurationPropertyName WAIT_FOR = ConfigurationPropertyName.of("portend.wait-for");

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		if (property == null || !PORTEND.isAncestorOf(property.getName())) {
			return null;
		}
		String action = action(property.getName());
		if (action == null) {
			return null;
		}
		String description = String.format("Invalid value for %s:%n%n    Property: %s%n    Value: \"%s\"%n    Origin: %s%n"
				+ "    Reason: %s", property.getName(), property.getName(), property.getValue(), property.getOrigin(),
				reason(cause));
		return new FailureAnalysis(description, action, cause);
	}

	private static String action(ConfigurationPropertyName name) {
		if (name.equals(WAIT_FOR)) {
			return "Give every target a name: portend.wait-for.<name>=host:port, such as "
					+ "portend.wait-for.database=localhost:5432.";
		}
		String last = name.getLastElement(ConfigurationPropertyName.Form.DASHED);
		boolean target = WAIT_FOR.isParentOf(name);
		if (target || (WAIT_FOR.isAncestorOf(name) && last.equals("address"))) {
			return "Set " + name + " to host:port with a port from 1 to 65535, such as localhost:5432 or "
					+ "[::1]:5432" + (target ? ", or use the long form with " + name + ".address" : "") + ".";
		}
		return switch (last) {
			case "timeout", "connect-timeout", "poll-interval", "progress-interval", "interval" ->
				"Set " + name + " to a positive duration, such as 500ms, 10s or 1m.";
			case "grace-period" -> "Set " + name + " to a duration of zero or more, such as 0s or 30s.";
			case "enabled", "block-startup", "required", "discover" -> "Set " + name + " to true or false.";
			case "discover-exclude" -> "Set " + name + " to a comma-separated list of "
					+ String.join(", ", PortendTargets.SOURCES) + ".";
			default -> null;
		};
	}

	private static String reason(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.toString();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
