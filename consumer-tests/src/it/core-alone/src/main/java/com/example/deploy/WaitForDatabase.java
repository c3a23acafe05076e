package com.example.deploy;

import java.time.Duration;
import java.util.List;

import io.portend.HostPort;
import io.portend.Portend;
import io.portend.PortTimeoutException;

/**
 * {@code java WaitForDatabase host:port seconds}: returns once something accepts connections there.
 */
public final class WaitForDatabase {

	public static void main(String[] args) throws PortTimeoutException, InterruptedException {
		HostPort database = HostPort.parse(args[0]);
		Portend.occupied(List.of(database), Duration.ofSeconds(Long.parseLong(args[1])));
		System.out.println(database + " is up");
	}

}
