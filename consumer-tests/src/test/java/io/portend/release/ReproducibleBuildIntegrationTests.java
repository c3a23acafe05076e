package io.portend.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the published jars a second time, from a copy of their sources in another directory, and finds them
 * byte for byte the same as this build's: what reproducible builds promise, and what lets anyone check that a
 * jar on Maven Central was built from these sources.
 */
class ReproducibleBuildIntegrationTests {

	private static final List<String> MODULES = List.of("portend-core", "portend-spring-boot-starter");

	private final Path root = Path.of(System.getProperty("portend.root"));

	@TempDir
	Path copy;

	@Test
	void aSecondBuildElsewhereMakesTheSameJars() throws Exception {
		copySources();
		Path log = this.copy.resolve("build.log");
		// Tests compiled, not run: portend-core's test jar is published too, and the starter's tests need it.
		List<String> command = List.of(Path.of(System.getProperty("maven.home"), "bin", "mvn").toString(), "-B",
				"-ntp", "-o", "package", "-DskipTests", "-pl", String.join(",", MODULES));
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.copy.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		Process maven = builder.start();
		try {
			assertThat(maven.waitFor(5, TimeUnit.MINUTES)).as("the second build ended within 5 minutes").isTrue();
		}
		finally {
			maven.destroyForcibly();
		}
		assertThat(maven.exitValue()).as("the second build's exit status; its log:%n%s", Files.readString(log))
			.isZero();
		for (String module : MODULES) {
			Map<String, Path> first = jars(this.root.resolve(module).resolve("target"));
			Map<String, Path> second = jars(this.copy.resolve(module).resolve("target"));
			assertThat(second.keySet()).as(module).containsExactlyElementsOf(first.keySet()).isNotEmpty();
			for (String jar : first.keySet()) {
				assertThat(Files.readAllBytes(second.get(jar))).as("%s, whose entries differ in: %s", jar,
						differences(first.get(jar), second.get(jar)))
					.isEqualTo(Files.readAllBytes(first.get(jar)));
			}
		}
	}

	/** The root and module poms (Maven reads every module's), and the built modules' sources. */
	private void copySources() throws IOException {
		copy(this.root.resolve("pom.xml"));
		copy(this.root.resolve("LICENSE"));
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.root)) {
			for (Path entry : entries) {
				if (Files.isRegularFile(entry.resolve("pom.xml"))) {
					copy(entry.resolve("pom.xml"));
				}
			}
		}
		for (String module : MODULES) {
			try (Stream<Path> files = Files.walk(this.root.resolve(module).resolve("src"))) {
				for (Path file : files.filter(Files::isRegularFile).toList()) {
					copy(file);
				}
			}
		}
		Files.createDirectories(this.copy.resolve(".mvn"));
	}

	private void copy(Path file) throws IOException {
		Path target = this.copy.resolve(this.root.relativize(file).toString());
		Files.createDirectories(target.getParent());
		Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
	}

	private static Map<String, Path> jars(Path target) throws IOException {
		Map<String, Path> jars = new TreeMap<>();
		try (DirectoryStream<Path> found = Files.newDirectoryStream(target, "*.jar")) {
			for (Path jar : found) {
				jars.put(jar.getFileName().toString(), jar);
			}
		}
		return jars;
	}

	/** Names the entries that differ, so that a failure says where to look. */
	private static List<String> differences(Path first, Path second) throws IOException {
		Map<String, byte[]> firstEntries = entries(first);
		Map<String, byte[]> secondEntries = entries(second);
		List<String> differences = new ArrayList<>();
		for (String name : firstEntries.keySet()) {
			if (!Arrays.equals(firstEntries.get(name), secondEntries.get(name))) {
				differences.add(name);
			}
		}
		secondEntries.keySet().stream().filter((name) -> !firstEntries.containsKey(name)).forEach(differences::add);
		return differences.isEmpty() ? List.of("none: the archives' metadata (times, order)") : differences;
	}

	private static Map<String, byte[]> entries(Path jar) throws IOException {
		Map<String, byte[]> entries = new TreeMap<>();
		try (InputStream in = Files.newInputStream(jar); ZipInputStream zip = new ZipInputStream(in)) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				entries.put(entry.getName(), zip.readAllBytes());
			}
		}
		return entries;
	}

}
