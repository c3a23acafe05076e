/**
 * Holding start-up until the required targets accept connections: the wait, the barrier, what
 * makes beans depend on it, its log lines and its exceptions.
 */
@NullMarked
package io.portend.boot.startup;

import org.jspecify.annotations.NullMarked;
