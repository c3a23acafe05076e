package io.portend.sample.greeting;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Stores greetings in the {@code greeting} table created by Flyway.
 */
@Repository
class GreetingRepository {

	private final JdbcClient jdbc;

	GreetingRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Greeting add(String text) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO greeting (text) VALUES (:text)").param("text", text).update(keys, "id");
		return findById(keys.getKeyAs(Long.class)).orElseThrow();
	}

	Optional<Greeting> findById(long id) {
		return this.jdbc.sql("SELECT id, text, created_at FROM greeting WHERE id = :id")
			.param("id", id)
			.query(Greeting.class)
			.optional();
	}

	List<Greeting> findAll() {
		return this.jdbc.sql("SELECT id, text, created_at FROM greeting ORDER BY id").query(Greeting.class).list();
	}

}
