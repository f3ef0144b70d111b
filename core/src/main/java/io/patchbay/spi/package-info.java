/**
 * The transport SPI: how transport modules plug in by URI scheme through {@link
 * java.util.ServiceLoader}.
 */
package io.patchbay.spi;
