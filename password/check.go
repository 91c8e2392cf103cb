package password

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"alliance"
)

// common.txt holds the most common passwords, one a line, lower case: the
// ones that lead every published list of leaked passwords, the words and
// names they are made of, and the keyboard runs people type.
//
//go:embed common.txt
var commonText string

var common = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonText, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			m[line] = true
		}
	}
	return m
}()

// CommonCount is how many passwords the shipped list holds.
func CommonCount() int { return len(common) }

// keyboard rows and sequences, for runs such as "qwertyuiopas" or
// "123456789012".
var runs = []string{
	"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
	"01234567890123456789012345678901234567890",
	"qwertyuiopasdfghjklzxcvbnmqwertyuiop",
	"qwertzuiopasdfghjklyxcvbnm",
	"azertyuiopqsdfghjklmwxcvbn",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
	"zaq12wsxcde34rfvbgt56yhnmju78ik,lo9",
}

// leet maps the digits and symbols that stand for letters back to them.
var leet = strings.NewReplacer("@", "a", "4", "a", "8", "b", "(", "c", "3", "e", "6", "g", "9", "g", "1", "i", "!", "i",
	"|", "l", "0", "o", "$", "s", "5", "s", "7", "t", "+", "t", "2", "z")

// Check refuses a new password that is too short, too long, or easy to
// guess: one of the common passwords (with digits or symbols around it, in
// l33t spelling, or repeated), a run of one character or of keys, or one made
// of the user's own name or email (given in personal). The error names the
// field "password".
func Check(pw string, personal ...string) error {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinLength:
		return alliance.Invalidf("password", "the password must be at least %d characters long (it has %d)", MinLength, n)
	case len(pw) > MaxBytes:
		return alliance.Invalidf("password", "the password must be at most %d bytes long", MaxBytes)
	case !utf8.ValidString(pw):
		return alliance.Invalidf("password", "the password must be valid UTF-8 text")
	}
	if why := guessable(pw, personal); why != "" {
		return alliance.Invalidf("password", "this password is too easy to guess: %s. Choose another, such as three or four unrelated words", why)
	}
	return nil
}

// guessable says why pw is easy to guess, or "".
func guessable(pw string, personal []string) string {
	lower := strings.ToLower(pw)
	// bare is the password without the symbols and spaces around it;
	// letters keeps its letters only, from the first to the last.
	bare := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	letters := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, f := range []string{lower, bare, letters, leet.Replace(bare), leet.Replace(letters)} {
		if commonPadded(f) {
			return "it is one of the most common passwords, or one with a few digits or symbols added"
		}
	}
	if unit := repeatedUnit(bare); unit != "" && (utf8.RuneCountInString(unit) <= 4 || commonPadded(unit)) {
		return "it repeats " + quote(unit)
	}
	// "letmein-letmein", "blue blue blue"
	if words := strings.FieldsFunc(bare, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }); len(words) > 1 &&
		allSame(words) && (utf8.RuneCountInString(words[0]) <= 4 || commonPadded(words[0])) {
		return "it repeats " + quote(words[0])
	}
	if bare != "" && (isRun(bare) || isRun(reverse(bare))) {
		return "it is a run of keys or letters"
	}
	for _, p := range personal {
		for _, part := range personalParts(p) {
			if part == letters || part == bare || part == leet.Replace(letters) || strings.Contains(lower, part) && len(part)*2 >= len(lower) {
				return "it is made of your own name or email"
			}
		}
	}
	return ""
}

// commonPadded reports whether s is a common password, or one with only
// digits, symbols and spaces before or after it ("dragon2024", "2024dragon",
// "12345678!!!!").
func commonPadded(s string) bool {
	if common[s] {
		return true
	}
	for i := range s {
		if i == 0 {
			continue
		}
		head, tail := s[:i], s[i:]
		if common[head] && padding(tail) || common[tail] && padding(head) {
			return true
		}
	}
	return false
}

func allSame(words []string) bool {
	for _, w := range words[1:] {
		if w != words[0] {
			return false
		}
	}
	return true
}

// padding reports whether s holds only digits, symbols and spaces.
func padding(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// repeatedUnit returns the shortest string whose repetition is s ("abc" for
// "abcabcabcabc"), or "" when s is no repetition.
func repeatedUnit(s string) string {
	r := []rune(s)
	for size := 1; size <= len(r)/2; size++ {
		if len(r)%size != 0 {
			continue
		}
		unit := string(r[:size])
		if strings.Repeat(unit, len(r)/size) == s {
			return unit
		}
	}
	return ""
}

// isRun reports whether s is a stretch of one of the runs.
func isRun(s string) bool {
	for _, run := range runs {
		if strings.Contains(run, s) {
			return true
		}
	}
	return false
}

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// personalParts splits a name or email into the parts a person might make
// a password of: "Ada Lovelace <ada.lovelace@example.com>" gives "ada",
// "lovelace", "adalovelace", "ada.lovelace". Parts under 4 characters are
// left out: they are in too many good passwords.
func personalParts(s string) []string {
	s = strings.ToLower(strings.TrimSpace(s))
	if local, _, ok := strings.Cut(s, "@"); ok {
		s = local
	}
	var out []string
	add := func(p string) {
		if utf8.RuneCountInString(p) >= 4 {
			out = append(out, p)
		}
	}
	add(s)
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range words {
		add(w)
	}
	add(strings.Join(words, ""))
	return out
}

func quote(s string) string { return "\u201c" + s + "\u201d" }
