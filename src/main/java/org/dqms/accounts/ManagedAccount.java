package org.dqms.accounts;

/**
 * An account as administrators manage it: the account and whether it may sign in. Never the hash.
 *
 * @param enabled false once an administrator disabled it: no sign-in, no refresh
 */
record ManagedAccount(UserAccount account, boolean enabled) {}
