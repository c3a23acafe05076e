package io.portend.boot.startup;

import java.util.Set;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DatabaseInitializerDetector;
import org.springframework.core.Ordered;

/**
 * Presents the {@link PortendStartupBarrier} to Spring Boot's database initialization ordering
 * as the first database initializer, so that Flyway, Liquibase, SQL script initialization and
 * every bean that depends on database initialization (JdbcTemplate, JPA) come after it, even
 * when they do not connect through a {@code DataSource} bean (such as {@code spring.flyway.url}).
 */
class PortendDatabaseInitializerDetector implements DatabaseInitializerDetector {

	@Override
	public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
		return beanFactory.containsBeanDefinition(PortendStartupBarrier.BEAN_NAME)
				? Set.of(PortendStartupBarrier.BEAN_NAME) : Set.of();
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
