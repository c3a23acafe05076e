package io.portend.boot.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code portend.*} property with every class of bad value (wrong type, out of range,
 * empty, malformed) fails start-up with a report that names the property and the value, and
 * says how to fix it. (An empty duration is not among them: Spring Boot binds it as unset, so
 * the default applies, as for its own properties.)
 */
class PortendPropertiesFailureAnalysisTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortendAutoConfiguration.class))
		// A target, so that every property is bound and used; no start-up wait.
		.withPropertyValues("portend.block-startup=false", "portend.wait-for.other=127.0.0.1:1");

	@ParameterizedTest(name = "{0}=''{1}''")
	@CsvSource(delimiter = '|', emptyValue = "", textBlock = """
			portend.enabled                     | maybe
			portend.block-startup               | sometimes
			portend.timeout                     | soon
			portend.timeout                     | -1s
			portend.timeout                     | 0s
			portend.connect-timeout             | fast
			portend.connect-timeout             | -5ms
			portend.connect-timeout             | 0
			portend.strict-check                | briefly
			portend.strict-check                | -1s
			portend.wait-for.database           | pg://db
			portend.wait-for.database           | redis://cache/0
			portend.wait-for.database.protocol  | pg
			portend.poll-interval               | often
			portend.poll-interval               | -1ms
			portend.poll-interval               | 0ms
			portend.wait-for.database           | localhost
			portend.wait-for.database           | localhost:0
			portend.wait-for.database           | localhost:65536
			portend.wait-for.database           | localhost:-1
			portend.wait-for.database           | local host:5432
			portend.wait-for.database           | ::1:5432
			portend.wait-for.database           | ''
			portend.wait-for.database.address   | db:http
			portend.wait-for.database.address   | [::1]5432
			portend.wait-for.database.address   | ''
			portend.wait-for.database.timeout   | later
			portend.wait-for.database.timeout   | -1s
			portend.wait-for.database.timeout   | 0s
			portend.wait-for.database.required  | maybe
			portend.monitor.interval            | hourly
			portend.monitor.interval            | -1s
			portend.monitor.interval            | 0s
			portend.readiness.enabled           | perhaps
			portend.readiness.grace-period      | long
			portend.readiness.grace-period      | -1s
			portend.discover                    | yes please
			portend.discover-exclude            | nosuchsource
			""")
	void badValueIsExplainedByPropertyAndValue(String property, String value) {
		String[] properties = property.startsWith("portend.wait-for.database.")
				&& !property.endsWith(".address")
						? new String[] { property + "=" + value, "portend.wait-for.database.address=127.0.0.1:1" }
						: new String[] { property + "=" + value };
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).as(property + "=" + value).hasFailed();
			FailureAnalysis analysis = FailureAnalysisSupport.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).as("description").contains(property).contains("\"" + value + "\"");
			assertThat(analysis.getAction()).as("action").isNotBlank();
		});
	}

}
