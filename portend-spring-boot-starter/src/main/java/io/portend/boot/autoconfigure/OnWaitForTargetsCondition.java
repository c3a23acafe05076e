package io.portend.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code portend.wait-for} has at least one entry. Only looks for property names:
 * binding, and so the validation of the values, happens later with a clear report.
 */
class OnWaitForTargetsCondition extends SpringBootCondition {

	private static final ConfigurationPropertyName WAIT_FOR = ConfigurationPropertyName.of("portend.wait-for");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
			if (source.containsDescendantOf(WAIT_FOR) == ConfigurationPropertyState.PRESENT) {
				return ConditionOutcome.match("portend.wait-for has targets");
			}
		}
		return ConditionOutcome.noMatch("portend.wait-for has no targets");
	}

}
