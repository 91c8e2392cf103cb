// Package sharelink signs and checks the secrets of share links: the URLs
// that run one saved report without a token. A secret is
// "id.expiry.signature", the signature an HMAC-SHA256, under a key of the
// installation, of the link's id, its report, its scope (one client, or all)
// and its expiry. Nothing of the secret needs to be stored, and it cannot be
// moved to another link, report, scope or expiry.
//
// The package is plain functions over a key, a link and a time: storing the
// links and the key, and refusing revoked links, is package db's part.
package sharelink
