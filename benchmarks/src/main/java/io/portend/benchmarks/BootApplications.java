package io.portend.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.portend.benchmarks.boot.BenchApplication;

/**
 * Commands that start {@link BenchApplication} in a JVM of its own, with or without the starter
 * on its class path. In quick mode the JVM compiles with C1 only: a Spring Boot start costs
 * half the CPU, which keeps the smoke run short.
 */
final class BootApplications {

	private static final String STARTER_JAR_PREFIX = "portend-spring-boot-starter-";

	static final String QUICK_JVM_OPTION = "-XX:TieredStopAtLevel=1";

	private final Plan plan;

	BootApplications(Plan plan) {
		this.plan = plan;
	}

	List<String> withStarter(List<String> arguments) throws IOException {
		return command(true, arguments);
	}

	List<String> withoutStarter(List<String> arguments) throws IOException {
		return command(false, arguments);
	}

	private List<String> command(boolean starter, List<String> arguments) throws IOException {
		List<String> classPath = new ArrayList<>();
		classPath.add(this.plan.target().resolve("benchmarks.jar").toString());
		boolean foundStarter = false;
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(this.plan.target().resolve("lib"), "*.jar")) {
			for (Path jar : jars) {
				boolean isStarter = jar.getFileName().toString().startsWith(STARTER_JAR_PREFIX);
				foundStarter |= isStarter;
				if (starter || !isStarter) {
					classPath.add(jar.toString());
				}
			}
		}
		if (!foundStarter) {
			throw new IOException("No " + STARTER_JAR_PREFIX + "*.jar in " + this.plan.target().resolve("lib")
					+ ": build with " + Benchmarks.COMMAND);
		}
		List<String> command = Jvm.command();
		if (this.plan.quick()) {
			command.add(QUICK_JVM_OPTION);
		}
		command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), BenchApplication.class.getName(),
				"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
		command.addAll(arguments);
		return command;
	}

}
