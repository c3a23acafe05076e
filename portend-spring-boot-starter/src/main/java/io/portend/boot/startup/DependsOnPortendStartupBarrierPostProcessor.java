package io.portend.boot.startup;

import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Makes every bean of a type, such as {@code DataSource}, depend on the
 * {@link PortendStartupBarrier}, so that it is created only once the required targets accept
 * connections. Only changes bean definitions: it never waits, so ahead-of-time processing,
 * which runs it, does not wait either.
 */
public final class DependsOnPortendStartupBarrierPostProcessor extends AbstractDependsOnBeanFactoryPostProcessor {

	/**
	 * Creates a post-processor for the beans of a type.
	 * @param className the name of the type, which must be present
	 */
	public DependsOnPortendStartupBarrierPostProcessor(String className) {
		super(ClassUtils.resolveClassName(className, DependsOnPortendStartupBarrierPostProcessor.class.getClassLoader()),
				PortendStartupBarrier.BEAN_NAME);
	}

}
