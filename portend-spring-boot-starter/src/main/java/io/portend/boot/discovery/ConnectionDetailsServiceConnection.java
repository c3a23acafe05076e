package io.portend.boot.discovery;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.portend.HostPort;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * A {@link ServiceConnection} that reads the application's {@code ConnectionDetails} bean of
 * one type. Spring Boot's own {@code Properties…ConnectionDetails} only repeat the
 * {@code spring.*} properties, which discovery reads itself with their names, and are skipped.
 *
 * @param <D> the type of connection details
 */
public final class ConnectionDetailsServiceConnection<D extends ConnectionDetails> implements ServiceConnection {

	private final String source;

	private final Class<D> type;

	private final ListableBeanFactory beanFactory;

	private final Function<D, List<HostPort>> addresses;

	private @Nullable String beanName;

	/**
	 * Creates a service connection.
	 * @param source the discovery source
	 * @param type the type of connection details
	 * @param beanFactory where to look for the bean
	 * @param addresses reads the servers from the bean, failing with an
	 * {@link IllegalArgumentException} whose message never quotes a value
	 */
	public ConnectionDetailsServiceConnection(String source, Class<D> type, ListableBeanFactory beanFactory,
			Function<D, List<HostPort>> addresses) {
		this.source = source;
		this.type = type;
		this.beanFactory = beanFactory;
		this.addresses = addresses;
	}

	@Override
	public String source() {
		return this.source;
	}

	@Override
	public @Nullable List<HostPort> addresses() {
		for (Map.Entry<String, D> bean : this.beanFactory.getBeansOfType(this.type).entrySet()) {
			if (!bean.getValue().getClass().getSimpleName().startsWith("Properties")) {
				this.beanName = bean.getKey();
				return this.addresses.apply(bean.getValue());
			}
		}
		return null;
	}

	@Override
	public String description() {
		return this.type.getSimpleName() + " bean '" + this.beanName + "'";
	}

}
