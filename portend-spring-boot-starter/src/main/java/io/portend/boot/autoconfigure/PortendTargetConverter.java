package io.portend.boot.autoconfigure;

import java.util.Set;

import io.portend.HostPort;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;

/**
 * Converts {@code host:port} text to a {@link HostPort}, and to a
 * {@link PortendProperties.Target} for the short form of {@code portend.wait-for} entries.
 * Malformed text fails with {@link HostPort#parse(String)}'s message, which names the text and
 * what is wrong with it.
 */
class PortendTargetConverter implements GenericConverter {

	@Override
	public Set<ConvertiblePair> getConvertibleTypes() {
		return Set.of(new ConvertiblePair(String.class, HostPort.class),
				new ConvertiblePair(String.class, PortendProperties.Target.class));
	}

	@Override
	public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
		if (source == null) {
			return null;
		}
		HostPort address = HostPort.parse((String) source);
		return (targetType.getType() == HostPort.class) ? address : new PortendProperties.Target(address);
	}

}
