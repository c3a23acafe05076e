package io.portend.cli;

/** The command line's usage line and help text. */
final class Usage {

	static final String LINE = "usage: portend [-h] [--version] [-t SECONDS] [--strict-check SECONDS] [-v|-q] "
			+ "host:port... free|occupied|ready [-- command...]";

	static final String HELP = LINE + """


			Wait until TCP ports are occupied (something accepts connections) or free
			(nothing does), or until services are ready, then optionally run a command.

			positional arguments:
			  host:port             a port to wait for, such as localhost:5432, 10.0.0.7:80
			                        or [::1]:8080; several are waited for at the same
			                        time, under one deadline
			  scheme://host[:port]  a service to wait for until it answers ready in its
			                        own protocol, with no driver and no credentials:
			                        postgresql (postgres), mysql (mariadb), redis, kafka,
			                        amqp (rabbitmq), mongodb, or http (with a path, such
			                        as http://web:8080/actuator/health/readiness); the
			                        port defaults to the protocol's
			  free|occupied|ready   the state to wait for, after the ports; ready is
			                        occupied: for a service, it answers ready (open but
			                        not ready is not enough); free is nothing accepting
			                        a connection, whatever the protocol
			  -- command...         run once every port is ready, and exit with its
			                        status; never run when the wait times out (as
			                        wait-for-it's --strict): a command whose dependency
			                        is missing is what this prevents

			options:
			  -h, --help            show this help and exit
			  --version             show the version and exit
			  -t, --timeout SECONDS give up after this many seconds, such as 30, 0.5 or inf;
			                        default: wait forever
			  --strict-check SECONDS
			                        count a connection to a host:port only if it stays
			                        open this long, such as 0.2: container port proxies
			                        accept and close at once while nothing listens behind
			  -v, --verbose         report on stderr each port's changes of state as seen
			  -q, --quiet           print nothing but usage errors: not even why the wait
			                        timed out

			exit status:
			  0    every port is ready (with a command: the command's status)
			  1    timed out, and stderr names each port not ready; or an unexpected error
			  2    usage error
			  127  the command could not be started

			examples:
			  portend -t 30 db:5432 cache:6379 occupied -- java -jar app.jar
			  portend -t 60 postgresql://db redis://cache ready -- java -jar app.jar
			  portend localhost:8080 free
			""";

	private Usage() {
	}

}
