/**
 * API keys and what guards the API with them: authentication, per-key request rates, failed
 * authentications per client address, and the command and bootstrap that create keys.
 *
 * <p>Used by {@code web} and {@code jobs}; uses {@code persistence} and {@code config}.
 */
package dev.translation.submit.security;
