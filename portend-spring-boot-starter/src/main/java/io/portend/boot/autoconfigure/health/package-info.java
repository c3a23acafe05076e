/**
 * Auto-configuration of portend's health indicator.
 */
@NullMarked
package io.portend.boot.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
