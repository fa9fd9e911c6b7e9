/* password: Argon2id hashing and the password policy. */
#include <ctype.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "auth/auth.h"

/* The most common passwords in public breach lists (a short list; policy also demands length >= 10). */
static const char *const common[] = {
	"1234567890", "12345678910", "123456789a", "qwertyuiop", "1q2w3e4r5t", "password12", "password123",
	"password1234", "salasana123", "salasana1", "salasana12", "qwerty1234", "qwerty12345", "iloveyou12",
	"0987654321", "1111111111", "0000000000", "abcdefghij", "passw0rd123", "letmein123", "welcome123",
	"admin12345", "administrator", "trustno1234", "football123", "baseball123", "princess123", "sunshine123",
	"monkey12345", "dragon12345", "master12345", "superman123", "starwars123", "hello12345", "freedom123",
	"whatever123", "qazwsxedc123", "asdfghjkl1", "zxcvbnm123", "kesä2024!!", "syksy2024!!", "talvi2024!!",
	"kevät2024!!", "Salasana1!", "Password1!", "changeme123", "osaaja1234", "osaaja12345", NULL,
};

int auth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

int auth_password_check(const char *password, const char *email, struct err *e)
{
	size_t n = password ? strlen(password) : 0;
	if (n < 10)
		return err_key(e, ERR_INVALID, "password", "password_policy",
		               "the password must be at least 10 characters long");
	if (n > 200)
		return err_key(e, ERR_INVALID, "password", "password_policy",
		               "the password must be at most 200 characters long");
	for (size_t i = 0; common[i]; i++)
		if (strcasecmp(password, common[i]) == 0)
			return err_key(e, ERR_INVALID, "password", "password_policy",
			               "this password is too common; choose another");
	bool all_same = true;
	for (size_t i = 1; i < n; i++)
		if (password[i] != password[0])
			all_same = false;
	if (all_same)
		return err_key(e, ERR_INVALID, "password", "password_policy", "this password is too easy to guess; choose another");
	if (email) {
		const char *at = strchr(email, '@');
		size_t local = at ? (size_t)(at - email) : strlen(email);
		if (local >= 4 && strncasecmp(password, email, local) == 0 && n - local < 4)
			return err_key(e, ERR_INVALID, "password", "password_policy", "the password must not be based on the e-mail address");
	}
	return 0;
}

int auth_password_hash(const char *password, char out[AUTH_HASH_MAX], struct err *e)
{
	_Static_assert(AUTH_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
	if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                          crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return err_set(e, ERR_UNAVAILABLE, "", "out of memory while hashing the password");
	return 0;
}

bool auth_password_verify(const char *hash, const char *password)
{
	return hash && password && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool auth_token_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	if (n != strlen(b))
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

void auth_random_token(char out[AUTH_TOKEN_HEX + 1])
{
	unsigned char raw[AUTH_TOKEN_HEX / 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, raw, sizeof raw);
}

void auth_hash_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, data, len, NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}
