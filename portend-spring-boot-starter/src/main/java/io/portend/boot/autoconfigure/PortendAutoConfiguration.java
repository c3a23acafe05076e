package io.portend.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portend.Checker;
import io.portend.HostResolver;
import io.portend.boot.PortTarget;
import io.portend.boot.PortWatcher;
import io.portend.boot.discovery.PortendTargets;
import io.portend.boot.discovery.ServiceConnection;
import io.portend.boot.discovery.ServiceConnections;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;

/**
 * {@link AutoConfiguration Auto-configuration} of the {@link PortWatcher} of the targets in
 * {@code portend.wait-for} and, with {@code portend.discover=true}, of the servers that the
 * application's {@code ConnectionDetails} beans or its connection settings name. Without targets
 * or discovery, or with {@code portend.enabled=false}, there is no watcher, and so nothing
 * waits, checks or reports. A {@link HostResolver} bean, if there is one, resolves the targets'
 * hosts instead of the JVM.
 */
@AutoConfiguration
// Not @ConditionalOnBooleanProperty: it would read "portend.enabled=maybe" as false and switch
// portend off silently; this matches any value but "false", and binding then explains a bad one.
@ConditionalOnProperty(name = "portend.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PortendProperties.class)
@ImportRuntimeHints(PortendRuntimeHints.class)
public final class PortendAutoConfiguration {

	@Bean
	static ConfigurationPropertiesBindHandlerAdvisor portendPropertiesBindHandlerAdvisor() {
		return PortendPropertiesBindHandler.advisor();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnWaitForTargetsCondition.class)
	PortWatcher portendWatcher(PortendProperties properties, ObjectProvider<HostResolver> resolver,
			Environment environment, ObjectProvider<ServiceConnection> serviceConnections) {
		Checker checker = new Checker(properties.getConnectTimeout()).withPollInterval(properties.getPollInterval());
		HostResolver customResolver = resolver.getIfUnique();
		if (customResolver != null) {
			checker = checker.withResolver(customResolver);
		}
		Map<String, PortendTargets.Configured> configured = new LinkedHashMap<>();
		properties.getWaitFor()
			.forEach((name, target) -> configured.put(name,
					new PortendTargets.Configured(target.getAddress(), target.getTimeout(), target.isRequired())));
		List<PortTarget> targets = properties.isDiscover()
				? PortendTargets.discovered(configured, environment, properties.getDiscoverExclude(),
						serviceConnections.orderedStream().toList())
				: PortendTargets.configured(configured);
		return new PortWatcher(checker, targets);
	}

	/**
	 * The {@code ConnectionDetails} types that discovery reads, each when its module is on the
	 * class path. The conditions name the types: a method whose signature named one would fail
	 * the introspection of this class without it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("portend.discover")
	static class ServiceConnectionsConfiguration {

		private static final String R2DBC = "org.springframework.boot.r2dbc.autoconfigure.R2dbcConnectionDetails";

		private static final String ELASTICSEARCH = "org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails";

		@Bean
		@ConditionalOnClass(name = "org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails")
		ServiceConnection portendJdbcServiceConnection(ListableBeanFactory beanFactory) {
			return ServiceConnections.jdbc(beanFactory);
		}

		@Bean
		@ConditionalOnClass(name = R2DBC)
		ServiceConnection portendR2dbcServiceConnection(ListableBeanFactory beanFactory) {
			return ServiceConnections.unread("r2dbc", R2DBC, beanFactory);
		}

		@Bean
		@ConditionalOnClass(name = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails")
		ServiceConnection portendRedisServiceConnection(ListableBeanFactory beanFactory) {
			return ServiceConnections.redis(beanFactory);
		}

		@Bean
		@ConditionalOnClass(name = "org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails")
		ServiceConnection portendRabbitServiceConnection(ListableBeanFactory beanFactory) {
			return ServiceConnections.rabbitmq(beanFactory);
		}

		@Bean
		@ConditionalOnClass(name = "org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails")
		ServiceConnection portendKafkaServiceConnection(ListableBeanFactory beanFactory) {
			return ServiceConnections.kafka(beanFactory);
		}

		@Bean
		@ConditionalOnClass(name = { "org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails",
				"com.mongodb.ConnectionString" })
		ServiceConnection portendMongoServiceConnection(ListableBeanFactory beanFactory) {
			return ServiceConnections.mongodb(beanFactory);
		}

		@Bean
		@ConditionalOnClass(name = ELASTICSEARCH)
		ServiceConnection portendElasticsearchServiceConnection(ListableBeanFactory beanFactory) {
			return ServiceConnections.unread("elasticsearch", ELASTICSEARCH, beanFactory);
		}

		@Bean
		@ConditionalOnClass(name = "org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails")
		ServiceConnection portendCassandraServiceConnection(ListableBeanFactory beanFactory) {
			return ServiceConnections.cassandra(beanFactory);
		}

	}

}
