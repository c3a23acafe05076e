package io.portend.sample.greeting;

import java.time.OffsetDateTime;

/**
 * A greeting as stored in the database.
 *
 * @param id the database identity
 * @param text what the greeting says
 * @param createdAt when it was stored, by the database's clock
 */
public record Greeting(long id, String text, OffsetDateTime createdAt) {

}
