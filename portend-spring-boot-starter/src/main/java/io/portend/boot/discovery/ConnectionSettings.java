package io.portend.boot.discovery;

import java.util.List;
import java.util.function.Function;

import io.portend.HostPort;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The application's settings as Spring Boot's own property classes see them: through a
 * {@link Binder}, so that relaxed names ({@code SPRING_DATA_REDIS_HOST}), YAML lists and
 * comma-separated lists all count. Values are trimmed; blank means unset.
 */
final class ConnectionSettings {

	private final Binder binder;

	ConnectionSettings(Binder binder) {
		this.binder = binder;
	}

	/**
	 * Returns whether any of the properties is set.
	 */
	boolean anySet(String... names) {
		for (String name : names) {
			if (text(name) != null || !list(name).isEmpty()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns a property's value, or {@code null} when it is unset or blank.
	 */
	String text(String name) {
		String value = this.binder.bind(name, String.class).map(String::trim).orElse("");
		return value.isEmpty() ? null : checked(name, value);
	}

	/**
	 * Returns a list property's non-blank entries.
	 */
	List<String> list(String name) {
		return this.binder.bind(name, Bindable.listOf(String.class))
			.orElse(List.of())
			.stream()
			.map(String::trim)
			.filter((value) -> !value.isEmpty())
			.map((value) -> checked(name, value))
			.toList();
	}

	/**
	 * Reads the addresses from a property's value with a parser whose failures are then
	 * attributed to the property.
	 */
	static List<Located> parse(String property, String value, Function<String, List<HostPort>> parser) {
		try {
			return parser.apply(value).stream().map((address) -> new Located(property, address)).toList();
		}
		catch (UndiscoverableException ex) {
			throw ex.in(property);
		}
	}

	private static String checked(String name, String value) {
		if (value.contains("${")) {
			throw new UndiscoverableException("the value has a placeholder ${…} that no property or environment "
					+ "variable resolves").in(name);
		}
		return value;
	}

	/**
	 * An address and the property it was read from.
	 */
	record Located(String property, HostPort address) {
	}

}
