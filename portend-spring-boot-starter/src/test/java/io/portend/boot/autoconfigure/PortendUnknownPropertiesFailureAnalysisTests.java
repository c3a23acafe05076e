package io.portend.boot.autoconfigure;

import java.io.IOException;
import java.time.Duration;

import io.portend.boot.PortWatcher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key under {@code portend.*} that portend does not know fails start-up with a report naming
 * the key, its origin, the keys valid there and the closest of them; other keys are left alone.
 */
class PortendUnknownPropertiesFailureAnalysisTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class))
		.withPropertyValues("portend.block-startup=false");

	@Test
	void aMisspelledTargetKeyFailsStartUpNamingItsFileAndLine() {
		this.runner.withInitializer((context) -> {
			try {
				new PropertiesPropertySourceLoader()
					.load("typo", new ClassPathResource("portend-typo.properties"))
					.forEach(context.getEnvironment().getPropertySources()::addFirst);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Unknown key portend.wait-for.cache.adress:")
				.contains("Value: \"localhost:6379\"")
				.contains("Origin: class path resource [portend-typo.properties] - 3:")
				.contains("Valid keys there: portend.wait-for.cache.address, portend.wait-for.cache.timeout, "
						+ "portend.wait-for.cache.required")
				.contains("Did you mean: portend.wait-for.cache.address?");
			assertThat(analysis.getAction())
				.startsWith("Fix the configuration: rename portend.wait-for.cache.adress to portend.wait-for.cache.address.");
		});
	}

	@Test
	void aMisspelledTopLevelKeyFailsStartUpEvenWithoutTargets() {
		this.runner.withPropertyValues("portend.timout=5s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(FailureAnalysisSupport.analyze(context.getStartupFailure()).getDescription())
				.contains("Unknown key portend.timout:")
				.contains("Valid keys there: portend.enabled, portend.block-startup, portend.timeout")
				.contains("Did you mean: portend.timeout?");
		});
	}

	@Test
	void aMisspelledNestedKeyIsExplainedAtItsLevel() {
		this.runner.withPropertyValues("portend.monitor.intervall=5s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(FailureAnalysisSupport.analyze(context.getStartupFailure()).getDescription())
				.contains("Valid keys there: portend.monitor.interval\n")
				.contains("Did you mean: portend.monitor.interval?");
		});
	}

	@Test
	void aKeyFarFromEveryValidOneHasNoSuggestion() {
		this.runner.withPropertyValues("portend.wait-for.database=127.0.0.1:1", "portend.colour=blue")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Unknown key portend.colour:").doesNotContain("Did you mean");
				assertThat(analysis.getAction()).contains("remove or rename portend.colour");
			});
	}

	@Test
	void aTargetGivenBothAsAValueAndWithKeysIsExplained() {
		this.runner.withPropertyValues("portend.wait-for.database=127.0.0.1:1", "portend.wait-for.database.timeout=5s")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Unknown key portend.wait-for.database.timeout:")
					.contains("the key is valid, but portend.wait-for.database is given a value too");
				assertThat(analysis.getAction()).contains("give portend.wait-for.database either a value or keys below it");
			});
	}

	@Test
	void bothFormsOfTargetsBindWithoutComplaint() {
		this.runner
			.withPropertyValues("portend.wait-for.database=127.0.0.1:1", "portend.wait-for.cache.address=127.0.0.1:2",
					"portend.wait-for.cache.timeout=5s", "portend.wait-for.cache.required=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(PortWatcher.class)
				.extracting((watcher) -> watcher.targets().size())
				.isEqualTo(2));
	}

	@Test
	void keysOutsidePortendAreLeftAlone() {
		this.runner.withUserConfiguration(OtherConfiguration.class)
			.withPropertyValues("portend.wait-for.database=127.0.0.1:1", "other.timout=5s", "other.timeout=-1s",
					"portendish.colour=blue")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(OtherProperties.class).getTimeout()).isEqualTo(Duration.ofSeconds(-1));
			});
	}

	@EnableConfigurationProperties(OtherProperties.class)
	static class OtherConfiguration {

	}

	@ConfigurationProperties("other")
	static class OtherProperties {

		private Duration timeout;

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
