package password

import (
	"context"
	"errors"
	"runtime"
	"sync"

	"github.com/alexedwards/argon2id"
)

// Params are the Argon2id parameters of new hashes: OWASP's first
// recommendation (m=19 MiB, t=2, p=1). On a 2-core machine one hash takes
// some 30 to 60 ms.
var Params = argon2id.Params{Memory: 19 * 1024, Iterations: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}

// Lengths of a password, in characters (MinLength) and bytes (MaxBytes: a
// longer one is refused before it is hashed).
const (
	MinLength = 12
	MaxBytes  = 1024
)

// slots bounds how many hashes are computed at once, so that a burst of
// sign-ins costs a bounded amount of memory (19 MiB each) and leaves cores
// for the rest of the server.
var slots = make(chan struct{}, max(2, runtime.NumCPU()))

// ErrTooLong is the error of a password over MaxBytes.
var ErrTooLong = errors.New("password: longer than 1024 bytes")

func acquire(ctx context.Context) error {
	select {
	case slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func release() { <-slots }

// Hash returns the Argon2id hash of pw in the PHC string format, with a new
// random salt.
func Hash(ctx context.Context, pw string) (string, error) {
	if len(pw) > MaxBytes {
		return "", ErrTooLong
	}
	if err := acquire(ctx); err != nil {
		return "", err
	}
	defer release()
	p := Params
	return argon2id.CreateHash(pw, &p)
}

// Verify reports whether pw is the password of hash, and, when it is,
// whether the hash was made with other parameters than Params and should be
// replaced by a new Hash of pw. A hash that does not parse is an error.
func Verify(ctx context.Context, pw, hash string) (ok, rehash bool, err error) {
	if len(pw) > MaxBytes {
		return false, false, nil
	}
	if err := acquire(ctx); err != nil {
		return false, false, err
	}
	defer release()
	ok, params, err := argon2id.CheckHash(pw, hash)
	if err != nil || !ok {
		return false, false, err
	}
	return true, *params != Params, nil
}

var (
	decoyOnce sync.Once
	decoy     string
)

// VerifyNothing takes as long as Verify does, and reports nothing: a sign-in
// for an email that names no user (or a user without a password) spends the
// same time as one with a wrong password, so that the time of the answer
// does not tell whether the email exists.
func VerifyNothing(ctx context.Context, pw string) {
	decoyOnce.Do(func() {
		decoy, _ = Hash(context.Background(), "not anybody's password: a decoy")
	})
	_, _, _ = Verify(ctx, pw, decoy)
}
