/* hash: the non-cryptographic hashes every module shares (hash maps, checksums, seeding). Stable across platforms and
 * runs: values may be stored or compared between processes. Nothing here is for secrets (see auth/ for those). */
#pragma once
#include <stddef.h>
#include <stdint.h>

#define HASH_FNV_OFFSET 0xcbf29ce484222325ULL /* FNV-1a's offset basis (= 1469598103934665603) */

/* FNV-1a over n bytes of p, continuing from h (start with HASH_FNV_OFFSET). */
uint64_t hash_fnv1a(uint64_t h, const void *p, size_t n);
/* FNV-1a of a NUL-terminated string. */
uint64_t hash_str(const char *s);
/* splitmix64's finaliser: spreads every input bit over the whole word (for hashes with weak low bits, and seeding). */
uint64_t hash_mix64(uint64_t x);
