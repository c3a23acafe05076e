/**
 * Builds the targets to watch: those configured, and the servers that the application's
 * {@code ConnectionDetails} beans or its connection settings name.
 */
@NullMarked
package io.portend.boot.discovery;

import org.jspecify.annotations.NullMarked;
