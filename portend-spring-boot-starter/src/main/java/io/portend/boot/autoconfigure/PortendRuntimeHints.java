package io.portend.boot.autoconfigure;

import io.portend.HostPort;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ReflectionUtils;

/**
 * What a native image needs beyond the binding hints Spring Boot registers for
 * {@link PortendProperties}: the {@code valueOf} methods that convert text to a
 * {@link HostPort} and to a target of the short form, which the conversion service finds by
 * reflection, and the fields of the properties, which the explanation of an unknown key lists.
 */
class PortendRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerMethod(ReflectionUtils.findMethod(HostPort.class, "valueOf", String.class), ExecutableMode.INVOKE)
			.registerMethod(ReflectionUtils.findMethod(PortendProperties.Target.class, "valueOf", String.class),
					ExecutableMode.INVOKE);
		for (Class<?> type : new Class<?>[] { PortendProperties.class, PortendProperties.Target.class,
				PortendProperties.Monitor.class, PortendProperties.Readiness.class }) {
			hints.reflection().registerType(type, MemberCategory.ACCESS_DECLARED_FIELDS);
		}
	}

}
