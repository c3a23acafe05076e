package io.portend.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanUtils;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the configuration metadata that the annotation processor generates from
 * {@link PortendProperties} and the additional metadata.
 */
class PortendConfigurationMetadataTests {

	@Test
	void everyPropertyIsDocumented() throws IOException {
		List<Map<String, Object>> properties = JsonPath.read(metadata(), "$.properties[*]");
		assertThat(properties).extracting((property) -> property.get("name"))
			.containsExactlyInAnyOrderElementsOf(bindableNames(PortendProperties.class, "portend"))
			.contains("portend.wait-for.*.address", "portend.wait-for.*.timeout", "portend.wait-for.*.required");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank());
	}

	/**
	 * Returns the name of every property that binds to the type, nested types and map values
	 * included, as the metadata names them.
	 */
	private static Set<String> bindableNames(Class<?> type, String prefix) {
		Set<String> names = new TreeSet<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getName().equals("class")) {
				continue;
			}
			String name = prefix + "." + descriptor.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
			Class<?> propertyType = descriptor.getPropertyType();
			if (Map.class.isAssignableFrom(propertyType)) {
				names.add(name);
				names.addAll(bindableNames(PortendProperties.Target.class, name + ".*"));
			}
			else if (propertyType.getEnclosingClass() == PortendProperties.class) {
				names.addAll(bindableNames(propertyType, name));
			}
			else {
				names.add(name);
			}
		}
		return names;
	}

	@Test
	void defaultsAreDocumented() throws IOException {
		String metadata = metadata();
		assertThat(defaultValue(metadata, "portend.enabled")).isEqualTo(true);
		assertThat(defaultValue(metadata, "portend.block-startup")).isEqualTo(true);
		assertThat(defaultValue(metadata, "portend.timeout")).isEqualTo("60s");
		assertThat(defaultValue(metadata, "portend.connect-timeout")).isEqualTo("1s");
		assertThat(defaultValue(metadata, "portend.poll-interval")).isEqualTo("4ms");
		assertThat(defaultValue(metadata, "portend.progress-interval")).isEqualTo("5s");
		assertThat(defaultValue(metadata, "portend.wait-for.*.required")).isEqualTo(true);
		assertThat(defaultValue(metadata, "portend.readiness.enabled")).isEqualTo(false);
		assertThat(defaultValue(metadata, "portend.readiness.grace-period")).isEqualTo("30s");
	}

	private static Object defaultValue(String metadata, String name) {
		List<Object> values = JsonPath.read(metadata, "$.properties[?(@.name == '" + name + "')].defaultValue");
		assertThat(values).as("default value of %s", name).hasSize(1);
		return values.get(0);
	}

	private static String metadata() throws IOException {
		try (InputStream input = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			return new String(input.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
