package io.portend.boot.autoconfigure;

import io.portend.HostPort;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PortendRuntimeHints}: what a native image needs to bind
 * {@code portend.wait-for} as the JVM does, and to explain an unknown key.
 */
class PortendRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	PortendRuntimeHintsTests() {
		new PortendRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void theAutoConfigurationImportsTheHints() {
		assertThat(PortendAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
			.containsExactly(PortendRuntimeHints.class);
	}

	@Test
	void theConversionOfHostAndPortCanBeInvoked() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(HostPort.class, "valueOf")).accepts(this.hints);
	}

	@Test
	void theConversionOfTheShortFormOfATargetCanBeInvoked() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(PortendProperties.Target.class, "valueOf"))
			.accepts(this.hints);
	}

	@Test
	void theFieldsOfEveryPropertiesClassCanBeRead() {
		for (Class<?> type : PortendProperties.class.getDeclaredClasses()) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type).withMemberCategory(MemberCategory.ACCESS_DECLARED_FIELDS))
				.as(type.getName())
				.accepts(this.hints);
		}
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(PortendProperties.class)
			.withMemberCategory(MemberCategory.ACCESS_DECLARED_FIELDS)).accepts(this.hints);
	}

}
