import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Makes the self-contained archive's class data at build time: runs its {@code bin/portend} once, as a user
 * would, against a real listener, with the JVM told to archive every class it loaded on exit. Run by the build
 * as {@code java CdsTrainingRun.java LAUNCHER ARCHIVE}, with the runtime's own java inside the launcher, since
 * an archive fits only the JVM that made it.
 */
class CdsTrainingRun {

	public static void main(String[] args) throws Exception {
		Path launcher = Path.of(args[0]);
		Path archive = Path.of(args[1]);
		try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			ProcessBuilder builder = new ProcessBuilder("sh", launcher.toString(), "-t", "60",
					"127.0.0.1:" + listener.getLocalPort(), "occupied").inheritIO();
			builder.environment().put("PORTEND_OPTS", "-XX:ArchiveClassesAtExit=" + archive);
			Process portend = builder.start();
			if (!portend.waitFor(120, TimeUnit.SECONDS)) {
				portend.destroyForcibly();
				throw new IllegalStateException(launcher + " did not exit within 120 s");
			}
			if (portend.exitValue() != 0 || !Files.isRegularFile(archive)) {
				throw new IllegalStateException(launcher + " exited with " + portend.exitValue() + " and made "
						+ (Files.isRegularFile(archive) ? "" : "no ") + archive);
			}
		}
	}

}
