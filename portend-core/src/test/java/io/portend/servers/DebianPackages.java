package io.portend.servers;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Servers from Debian's packages, which {@code .ci/run} installs: a test whose server is missing
 * fails on CI (the environment variable {@code CI} is set) and is skipped elsewhere, so that
 * {@code ./mvnw verify} still passes on a machine with only a JDK.
 */
public final class DebianPackages {

	private DebianPackages() {
	}

	/**
	 * Returns the binary if it is installed; otherwise fails the calling test on CI and skips it
	 * elsewhere, naming the package to install.
	 * @param binary the binary's path
	 * @param debianPackage the package that installs it
	 * @return the binary
	 */
	public static Path require(Path binary, String debianPackage) {
		if (Files.isExecutable(binary)) {
			return binary;
		}
		String reason = binary + " is not installed: apt-get install " + debianPackage + " (.ci/run does)";
		if (System.getenv("CI") != null) {
			fail(reason + ", and CI must run this test");
		}
		abort(reason);
		return binary;
	}

}
