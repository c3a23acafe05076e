package io.portend.servers;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A stand-in for a MongoDB server, which no Debian package installs here: it speaks the wire
 * protocol's {@code OP_MSG} on an ephemeral port of 127.0.0.1, answers {@code hello} as a
 * serving standalone {@code mongod} does ({@code ok: 1}) or as one shutting down does
 * ({@code ok: 0}, {@code ShutdownInProgress}), and any other command with {@code CommandNotFound}.
 */
public final class MongodbStandIn implements AutoCloseable {

	private static final byte[] HELLO = "hello\0".getBytes(StandardCharsets.US_ASCII);

	private final ScriptedPeer peer;

	private MongodbStandIn(byte[] helloReply) {
		this.peer = ScriptedPeer.running((connection) -> answer(connection, helloReply));
	}

	/**
	 * A stand-in for a serving {@code mongod}.
	 */
	public static MongodbStandIn serving() {
		return new MongodbStandIn(MongodbWire.document("isWritablePrimary", true, "maxBsonObjectSize", 16777216,
				"maxWireVersion", 21, "minWireVersion", 0, "readOnly", false, "ok", 1.0));
	}

	/**
	 * A stand-in for a {@code mongod} shutting down.
	 */
	public static MongodbStandIn shuttingDown() {
		return new MongodbStandIn(MongodbWire.document("ok", 0.0, "errmsg",
				"The server is in quiesce mode and will shut down", "code", 91, "codeName", "ShutdownInProgress"));
	}

	public InetSocketAddress address() {
		return this.peer.address();
	}

	@Override
	public void close() throws InterruptedException {
		this.peer.close();
	}

	private static void answer(Socket connection, byte[] helloReply) throws IOException {
		DataInputStream in = new DataInputStream(connection.getInputStream());
		while (true) {
			byte[] header = new byte[16];
			in.readFully(header);
			ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
			int length = fields.getInt(0);
			if (length < 16 || length > 48_000_000 || fields.getInt(12) != MongodbWire.OP_MSG) {
				return;
			}
			byte[] body = new byte[length - 16];
			in.readFully(body);
			byte[] reply = contains(body, HELLO) ? helloReply : MongodbWire.document("ok", 0.0, "errmsg",
					"no such command", "code", 59, "codeName", "CommandNotFound");
			connection.getOutputStream().write(MongodbWire.opMsg(fields.getInt(4) + 1000, fields.getInt(4), reply));
		}
	}

	private static boolean contains(byte[] bytes, byte[] part) {
		for (int i = 0; i + part.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
				return true;
			}
		}
		return false;
	}

}
