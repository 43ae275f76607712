/**
 * HTTP: controllers, request and response records, the advice and filters that turn every error
 * into an RFC 9457 problem detail, and the wiring of filters, interceptors and Tomcat.
 *
 * <p>Top layer: uses {@code jobs}, {@code security} and {@code config}; nothing uses it.
 */
package dev.translation.submit.web;
