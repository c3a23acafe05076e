package io.portend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.Selector;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * One host's name resolution, run on a small shared pool of daemon threads rather than in the
 * waiting thread: a resolver that blocks (a slow or unreachable name server) then holds up
 * neither the wait's deadline nor the other ports. When it is done, it queues itself and wakes
 * the waiting thread's selector. A cancelled resolution interrupts its thread; one whose resolver
 * ignores interrupts finishes in the background, and its result is dropped.
 */
final class Resolution extends FutureTask<List<InetAddress>> {

	/** How many resolutions run at once, in all checks of the JVM; more wait their turn. */
	private static final int THREADS = 8;

	/** How long an idle resolver thread lives: threads come and go with the checks that need them. */
	private static final long KEEP_ALIVE_SECONDS = 1;

	private static final ThreadPoolExecutor POOL = newPool();

	/** The port whose host this resolves. */
	final Port port;

	private final Queue<Resolution> completed;

	private final Selector selector;

	private Resolution(HostResolver resolver, Port port, Queue<Resolution> completed, Selector selector) {
		super(() -> resolve(resolver, port.host));
		this.port = port;
		this.completed = completed;
		this.selector = selector;
	}

	/**
	 * Starts resolving a port's host in the background.
	 * @param completed where the resolution puts itself once done (or cancelled)
	 * @param selector the selector to wake up then
	 */
	static Resolution start(HostResolver resolver, Port port, Queue<Resolution> completed, Selector selector) {
		Resolution resolution = new Resolution(resolver, port, completed, selector);
		POOL.execute(resolution);
		return resolution;
	}

	/**
	 * Returns the addresses of a host that needs no resolver: an IP literal, which the JVM turns
	 * into an address without a lookup. Resolving it in the waiting thread spares a thread
	 * hand-off in every round.
	 * @return the address, or {@code null} if the host is a name
	 */
	static @Nullable List<InetAddress> literal(String host) {
		if (!Hosts.isIpLiteral(host)) {
			return null;
		}
		try {
			return List.of(InetAddress.getByName(host));
		}
		catch (UnknownHostException ex) {
			// A zone that names no interface: left to the resolver to report.
			return null;
		}
	}

	/**
	 * Returns the addresses once done.
	 * @throws UnknownHostException if the host did not resolve, whatever the resolver threw
	 */
	List<InetAddress> addresses() throws UnknownHostException {
		try {
			return get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof UnknownHostException unknown) {
				throw unknown;
			}
			String message = cause.getMessage();
			throw new UnknownHostException((message != null) ? message : cause.getClass().getSimpleName());
		}
		catch (InterruptedException ex) {
			// Only called once done: get() returns at once.
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Resolution read before it was done", ex);
		}
	}

	@Override
	protected void done() {
		this.completed.add(this);
		this.selector.wakeup();
	}

	private static List<InetAddress> resolve(HostResolver resolver, String host) throws UnknownHostException {
		List<InetAddress> addresses = resolver.resolve(host);
		if (addresses == null || addresses.isEmpty()) {
			throw new UnknownHostException(host + ": no address");
		}
		return addresses;
	}

	private static ThreadPoolExecutor newPool() {
		AtomicInteger count = new AtomicInteger();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), (task) -> {
					Thread thread = new Thread(task, "portend-resolver-" + count.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

}
