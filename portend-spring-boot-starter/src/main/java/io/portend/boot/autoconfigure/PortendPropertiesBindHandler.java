package io.portend.boot.autoconfigure;

import java.time.Duration;
import java.util.Collection;

import io.portend.boot.discovery.PortendTargets;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Checks the values of {@link PortendProperties} as they are bound, so that a bad one fails
 * binding with its property, value and origin, which {@link PortendPropertiesFailureAnalyzer}
 * explains: every duration is positive (a grace period may be zero), and every source to leave
 * out of discovery exists. Leaves every other property alone.
 */
final class PortendPropertiesBindHandler extends AbstractBindHandler {

	private static final ConfigurationPropertyName PORTEND = ConfigurationPropertyName.of("portend");

	private static final ConfigurationPropertyName DISCOVER_EXCLUDE = ConfigurationPropertyName
		.of("portend.discover-exclude");

	PortendPropertiesBindHandler(BindHandler parent) {
		super(parent);
	}

	/**
	 * Returns the advisor that adds this handler to the binding of configuration properties.
	 * @return the advisor
	 */
	static ConfigurationPropertiesBindHandlerAdvisor advisor() {
		return PortendPropertiesBindHandler::new;
	}

	@Override
	public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
			Object result) {
		Object bound = super.onSuccess(name, target, context, result);
		if (PORTEND.isAncestorOf(name)) {
			check(name, bound);
		}
		return bound;
	}

	private static void check(ConfigurationPropertyName name, @Nullable Object value) {
		if (value instanceof Duration duration) {
			if (name.getLastElement(ConfigurationPropertyName.Form.DASHED).equals("grace-period")) {
				if (duration.isNegative()) {
					throw new IllegalArgumentException("A grace period must not be negative, such as 0s or 30s.");
				}
			}
			else if (duration.isZero() || duration.isNegative()) {
				throw new IllegalArgumentException("A duration here must be positive, such as 500ms, 10s or 1m.");
			}
		}
		else if (name.equals(DISCOVER_EXCLUDE) && value instanceof Collection<?> sources) {
			PortendTargets.sourceNames(sources.stream().map(String::valueOf).toList());
		}
	}

}
