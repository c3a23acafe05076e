package io.portend.boot.autoconfigure;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

/**
 * Explains a key under {@code portend.*} that is none of {@link PortendProperties}, such as
 * {@code portend.timout} or {@code portend.wait-for.cache.adress}: the key, its value and
 * origin, the keys that are valid there, and the closest of them. Such a key fails start-up
 * because ignoring it would make a setting, or a whole target, silently vanish.
 */
class PortendUnknownPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
		implements Ordered {

	private static final ConfigurationPropertyName PORTEND = ConfigurationPropertyName.of("portend");

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		StringBuilder description = new StringBuilder();
		List<String> fixes = new ArrayList<>();
		for (ConfigurationProperty property : cause.getUnboundProperties()) {
			if (!PORTEND.isAncestorOf(property.getName())) {
				return null;
			}
			Level level = level(property.getName());
			String suggestion = closest(level.invalidKey(), level.validKeys());
			description.append(String.format("%nUnknown key %s:%n%n    Key: %s%n    Value: \"%s\"%n    Origin: %s%n",
					property.getName(), property.getName(), property.getValue(), property.getOrigin()));
			if (level.invalidKey().isEmpty()) {
				description.append(String.format("    Reason: the key is valid, but %s is given a value too, which "
						+ "takes the place of the keys below it%n", property.getName().getParent()));
			}
			else {
				description.append(level.validKeys().isEmpty()
						? String.format("    Valid keys there: none, %s takes a value%n", level.parent())
						: String.format("    Valid keys there: %s%n", String.join(", ", level.qualifiedKeys())));
			}
			if (suggestion != null) {
				String corrected = level.parent() + "." + suggestion;
				description.append(String.format("    Did you mean: %s?%n", corrected));
				fixes.add("rename " + level.parent() + "." + level.invalidKey() + " to " + corrected);
			}
			else if (level.invalidKey().isEmpty()) {
				fixes.add("give " + property.getName().getParent() + " either a value or keys below it, not both");
			}
			else {
				fixes.add("remove or rename " + property.getName());
			}
		}
		String action = "Fix the configuration: " + String.join("; ", fixes) + ". portend fails start-up on a key "
				+ "it does not know, since ignoring it would make a setting, or a whole target, silently vanish.";
		return new FailureAnalysis("Configuration keys under portend.* that portend does not know:\n"
				+ description.toString().stripTrailing(), action, cause);
	}

	/**
	 * Walks a key down {@link PortendProperties} to the first element that is not a property
	 * there; a key valid to its end is one that a value given to a key above it replaced.
	 */
	private static Level level(ConfigurationPropertyName name) {
		Class<?> type = PortendProperties.class;
		StringBuilder parent = new StringBuilder("portend");
		for (int i = 1; i < name.getNumberOfElements(); i++) {
			String element = name.getElement(i, ConfigurationPropertyName.Form.DASHED);
			Map<String, Field> fields = fields(type);
			Field field = fields.get(element);
			if (type == null || field == null) {
				return new Level(parent.toString(), element, (type != null) ? List.copyOf(fields.keySet()) : List.of());
			}
			parent.append('.').append(element);
			if (Map.class.isAssignableFrom(field.getType())) {
				// The map's key, a target's name: any is valid. Then the target's own keys.
				type = ResolvableType.forField(field).asMap().getGeneric(1).resolve();
				if (++i < name.getNumberOfElements()) {
					parent.append('.').append(name.getElement(i, ConfigurationPropertyName.Form.DASHED));
				}
			}
			else {
				type = (field.getType().getDeclaringClass() == PortendProperties.class) ? field.getType() : null;
			}
		}
		return new Level(parent.toString(), "", List.of());
	}

	private static Map<String, Field> fields(@Nullable Class<?> type) {
		Map<String, Field> fields = new LinkedHashMap<>();
		if (type != null) {
			for (Field field : type.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers())) {
					fields.put(DataObjectPropertyName.toDashedForm(field.getName()), field);
				}
			}
		}
		return fields;
	}

	/**
	 * Returns the valid key closest to the invalid one, if it is close enough to be a typo.
	 */
	private static @Nullable String closest(String invalid, List<String> valid) {
		String closest = null;
		int best = Integer.MAX_VALUE;
		for (String candidate : valid) {
			int distance = distance(invalid, candidate);
			if (distance < best) {
				best = distance;
				closest = candidate;
			}
		}
		return (closest != null && best <= Math.max(2, closest.length() / 3)) ? closest : null;
	}

	/**
	 * Returns the Levenshtein distance between two keys.
	 */
	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	/**
	 * Where in the properties a key stops being valid.
	 *
	 * @param parent the valid part of the key, such as {@code portend.wait-for.cache}
	 * @param invalidKey the first element that is not valid there, such as {@code adress}
	 * @param validKeys the keys that are valid there
	 */
	private record Level(String parent, String invalidKey, List<String> validKeys) {

		List<String> qualifiedKeys() {
			return this.validKeys.stream().map((key) -> this.parent + "." + key).toList();
		}

	}

}
