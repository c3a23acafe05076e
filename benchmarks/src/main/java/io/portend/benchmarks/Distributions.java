package io.portend.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The CLI's two archives, built by portend-cli, unpacked with {@code tar} into a temporary directory as a user
 * would: {@code portend-VERSION.tar.gz} (runs on the installed Java) and {@code portend-VERSION-PLATFORM.tar.gz}
 * (brings its own runtime).
 */
final class Distributions implements AutoCloseable {

	private final Path directory;

	private final Path plain;

	private final Path selfContained;

	private Distributions(Path directory, Path plain, Path selfContained) {
		this.directory = directory;
		this.plain = plain;
		this.selfContained = selfContained;
	}

	static Distributions unpack(Plan plan) throws IOException, InterruptedException {
		Path archives = plan.root().resolve("portend-cli").resolve("target");
		Path plain = null;
		Path selfContained = null;
		Path directory = Files.createTempDirectory("portend-benchmark-cli-");
		try (DirectoryStream<Path> found = Files.newDirectoryStream(archives, "portend-*.tar.gz")) {
			for (Path archive : found) {
				Path launcher = unpack(archive, directory.resolve(archive.getFileName().toString()));
				if (Files.isDirectory(launcher.getParent().resolveSibling("runtime"))) {
					selfContained = launcher;
				}
				else {
					plain = launcher;
				}
			}
		}
		if (plain == null || selfContained == null) {
			throw new IOException("Both CLI archives are needed in " + archives + ": build them with "
					+ Benchmarks.COMMAND);
		}
		return new Distributions(directory, plain, selfContained);
	}

	/** bin/portend of portend-VERSION.tar.gz. */
	Path plain() {
		return this.plain;
	}

	/** bin/portend of portend-VERSION-PLATFORM.tar.gz. */
	Path selfContained() {
		return this.selfContained;
	}

	@Override
	public void close() throws IOException {
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	/** @return the archive's bin/portend */
	private static Path unpack(Path archive, Path into) throws IOException, InterruptedException {
		Files.createDirectories(into);
		Process tar = new ProcessBuilder(List.of("tar", "xzf", archive.toString(), "-C", into.toString()))
			.redirectErrorStream(true)
			.start();
		if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
			tar.destroyForcibly();
			throw new IOException("tar xzf " + archive + " failed: " + new String(tar.getInputStream().readAllBytes()));
		}
		try (DirectoryStream<Path> top = Files.newDirectoryStream(into)) {
			for (Path base : top) {
				return base.resolve("bin").resolve("portend");
			}
		}
		throw new IOException(archive + " is empty");
	}

}
