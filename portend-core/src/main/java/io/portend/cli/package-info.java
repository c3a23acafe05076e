/**
 * The {@code portend} command line: {@link io.portend.cli.Main}.
 */
@NullMarked
package io.portend.cli;

import org.jspecify.annotations.NullMarked;
