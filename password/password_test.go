package password

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"alliance"
)

func TestHashAndVerify(t *testing.T) {
	ctx := context.Background()
	h, err := Hash(ctx, "violet staple gravity")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not Argon2id with the stated parameters", h)
	}
	if again, _ := Hash(ctx, "violet staple gravity"); again == h {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	if ok, rehash, err := Verify(ctx, "violet staple gravity", h); !ok || rehash || err != nil {
		t.Fatalf("the right password: ok %v, rehash %v, %v", ok, rehash, err)
	}
	for _, wrong := range []string{"violet staple gravitY", "", "violet staple gravity ", strings.Repeat("x", MaxBytes+1)} {
		if ok, _, err := Verify(ctx, wrong, h); ok || err != nil {
			t.Errorf("%q: ok %v, %v", wrong, ok, err)
		}
	}
	// A hash made with other parameters verifies, and asks to be made anew.
	old, _ := argon2id.CreateHash("violet staple gravity", &argon2id.Params{Memory: 8 * 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if ok, rehash, err := Verify(ctx, "violet staple gravity", old); !ok || !rehash || err != nil {
		t.Fatalf("an older hash: ok %v, rehash %v, %v", ok, rehash, err)
	}
	if _, _, err := Verify(ctx, "x", "$2a$10$not-argon"); err == nil {
		t.Fatal("a hash of another kind verified without error")
	}
	if _, err := Hash(ctx, strings.Repeat("x", MaxBytes+1)); !errors.Is(err, ErrTooLong) {
		t.Fatalf("an over-long password was hashed: %v", err)
	}
}

// A sign-in for an unknown email spends about what one with a wrong
// password spends, so that its time tells nothing.
func TestVerifyNothingTakesAsLongAsVerify(t *testing.T) {
	ctx := context.Background()
	h, _ := Hash(ctx, "violet staple gravity")
	VerifyNothing(ctx, "warm-up")
	median := func(f func()) time.Duration {
		var d []time.Duration
		for range 5 {
			start := time.Now()
			f()
			d = append(d, time.Since(start))
		}
		slices.Sort(d)
		return d[2]
	}
	verify := median(func() { Verify(ctx, "wrong password here", h) })
	nothing := median(func() { VerifyNothing(ctx, "wrong password here") })
	if nothing < verify/3 {
		t.Fatalf("VerifyNothing took %s, Verify %s", nothing, verify)
	}
	t.Logf("Verify %s, VerifyNothing %s", verify, nothing)
}

func TestCheckRefusesWeakPasswords(t *testing.T) {
	personal := []string{"Ada Lovelace", "ada.lovelace@example.com"}
	for _, tc := range []struct{ pw, why string }{
		{"short pw", "at least 12 characters"},
		{"elevenchars", "at least 12 characters"},
		{"password1234", "most common"},
		{"Password1234!", "most common"},
		{"P@ssw0rd2024!", "most common"},
		{"!!p@ssw0rd!!", "most common"},
		{"iloveyou!!!!", "most common"},
		{"1234567890123", "most common"},
		{"Dragon12345678", "most common"},
		{"letmein-letmein", "repeats"},
		{"dragondragon", "repeats"},
		{"passwordpassword", "most common"},
		{"abcabcabcabc", "repeats"},
		{"zzzzzzzzzzzz", "repeats"},
		{"qwertyuiopas", "run"},
		{"lkjhgfdsapoi", "run"},
		{"abcdefghijklm", "run"},
		{"0987654321098", "run"},
		{"AdaLovelace!!", "your own name"},
		{"ada.lovelace1", "your own name"},
		{"lovelace2024!", "your own name"},
		{strings.Repeat("long ", 300), "at most 1024 bytes"},
	} {
		err := Check(tc.pw, personal...)
		var e *alliance.Error
		if !errors.As(err, &e) || e.Field != "password" || e.Code != alliance.EINVALID || !strings.Contains(e.Message, tc.why) {
			t.Errorf("%q: %v, want BAD_USER_INPUT on password saying %q", tc.pw, err, tc.why)
		}
	}
	for _, good := range []string{"violet staple gravity", "Correct horse battery staple", "tram-42-orchid-sleet", "Ada likes quiet mornings", "blue blueberry jam"} {
		if err := Check(good, personal...); err != nil {
			t.Errorf("%q refused: %v", good, err)
		}
	}
}

// Every password of the list is refused, as it is and made long enough
// with digits, and the list holds a few hundred.
func TestEveryCommonPasswordIsRefused(t *testing.T) {
	if n := CommonCount(); n < 300 {
		t.Fatalf("the list holds %d passwords", n)
	}
	for w := range common {
		padded := w
		for i := 1; len([]rune(padded)) < MinLength; i++ {
			padded += string(rune('0' + i%10))
		}
		if Check(padded) == nil {
			t.Errorf("%q (from %q) was accepted", padded, w)
		}
		if Check(strings.ToUpper(padded[:1])+padded[1:]+"!") == nil {
			t.Errorf("%q capitalised with a ! was accepted", padded)
		}
	}
}
