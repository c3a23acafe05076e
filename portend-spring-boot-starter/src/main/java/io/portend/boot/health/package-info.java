/**
 * Health of the watched targets.
 */
@NullMarked
package io.portend.boot.health;

import org.jspecify.annotations.NullMarked;
