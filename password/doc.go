// Package password hashes and checks the passwords people sign in with.
//
// Passwords are hashed with Argon2id (RFC 9106) through
// github.com/alexedwards/argon2id, with the parameters of Params: 19 MiB of
// memory, 2 passes, 1 lane, a 16-byte random salt and a 32-byte key, the
// first of OWASP's recommended settings. The hash is stored in the PHC string
// format ("$argon2id$v=19$m=19456,t=2,p=1$salt$key"), which carries its own
// parameters, so that a hash made with other parameters still verifies and is
// replaced at the next sign-in (see Verify).
//
// A new password must be at least MinLength characters, must not be one of
// the most common passwords (a list of a few hundred shipped with the
// package, common.txt), nor such a password with digits or symbols around
// it, in l33t spelling, repeated, nor a run of one character or of keys, nor
// the user's own name or email.
package password
